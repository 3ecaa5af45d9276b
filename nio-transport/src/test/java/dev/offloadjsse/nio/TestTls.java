package dev.offloadjsse.nio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * SunJSSE contexts around {@code test-server.p12}: a self-signed ECDSA P-256 certificate for
 * localhost and 127.0.0.1, made with {@code keytool -genkeypair -keyalg EC -groupname secp256r1
 * -ext san=dns:localhost,ip:127.0.0.1 -ext bc:c -storepass changeit}.
 */
final class TestTls {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private TestTls() {
    }

    static SSLContext serverContext() {
        return context(true);
    }

    /** Trusts the test server's certificate only. */
    static SSLContext clientContext() {
        return context(false);
    }

    private static SSLContext context(boolean server) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = TestTls.class.getResourceAsStream("/test-server.p12")) {
                store.load(in, PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            if (server) {
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, PASSWORD);
                context.init(keys.getKeyManagers(), null, null);
            } else {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                context.init(null, trust.getTrustManagers(), null);
            }
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("test TLS setup failed", e);
        }
    }
}
