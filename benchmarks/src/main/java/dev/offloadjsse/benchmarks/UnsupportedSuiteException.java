package dev.offloadjsse.benchmarks;

import javax.net.ssl.SSLException;

/** A stack that negotiates another TLS 1.3 suite than the one asked for (Conscrypt fixes its own order). */
final class UnsupportedSuiteException extends SSLException {

    private static final long serialVersionUID = 1L;

    UnsupportedSuiteException(TlsStack stack, BulkSuite suite, String negotiated) {
        super(stack.label() + " negotiated " + negotiated + " when only " + suite.tlsName() + " was enabled");
    }
}
