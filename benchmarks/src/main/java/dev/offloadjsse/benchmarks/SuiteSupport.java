package dev.offloadjsse.benchmarks;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/** Which TLS 1.3 suites each stack negotiates when only that suite is enabled, found by handshaking. */
final class SuiteSupport {

    private final Map<TlsStack, List<BulkSuite>> supported = new EnumMap<>(TlsStack.class);
    private final List<String> refusals = new ArrayList<>();

    static SuiteSupport probe() throws GeneralSecurityException, SSLException {
        SuiteSupport support = new SuiteSupport();
        for (TlsStack stack : TlsStack.values()) {
            List<BulkSuite> suites = new ArrayList<>();
            for (BulkSuite suite : BulkSuite.values()) {
                try {
                    EnginePair.established(stack, suite, BufferKind.HEAP);
                    suites.add(suite);
                } catch (UnsupportedSuiteException e) {
                    support.refusals.add(e.getMessage());
                }
            }
            support.supported.put(stack, suites);
        }
        return support;
    }

    List<BulkSuite> suites(TlsStack stack) {
        return supported.get(stack);
    }

    /** One sentence per stack and suite that could not be measured. */
    List<String> refusals() {
        return refusals;
    }
}
