package dev.offloadjsse.benchmarks.load;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.benchmarks.Credential;
import dev.offloadjsse.benchmarks.TlsStack;
import dev.offloadjsse.nio.TransportConfig;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/** TLS 1.3 with the ECDSA P-256 credential on both ends of every loopback connection. */
final class LoadTls {

    static final String PROTOCOL = "TLSv1.3";

    private LoadTls() {
    }

    /** An OffloadJSSE server context whose engines run their handshake steps on {@code offloader}. */
    static SSLContext serverContext(HandshakeOffloader offloader) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS", new OffloadJsseProvider(OffloadConfig.withOffloader(offloader)));
        Credential credential = Credential.ecdsaP256();
        context.init(credential.keyManagers(), credential.trustManagers(), null);
        return context;
    }

    /**
     * The load generator's context: Conscrypt, whose native handshake costs the shared cores about
     * a third of what the server's does, so that more of them are left to the server under test.
     */
    static SSLContext clientContext() throws GeneralSecurityException {
        return TlsStack.CONSCRYPT.context(Credential.ecdsaP256());
    }

    static TransportConfig transport() {
        return TransportConfig.defaults().withEngineSetup(LoadTls::tls13);
    }

    private static void tls13(SSLEngine engine) {
        engine.setEnabledProtocols(new String[] {PROTOCOL});
    }
}
