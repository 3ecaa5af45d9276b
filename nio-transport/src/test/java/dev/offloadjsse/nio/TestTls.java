package dev.offloadjsse.nio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Contexts around {@code test-server.p12}: a self-signed ECDSA P-256 certificate for localhost and
 * 127.0.0.1, made with {@code keytool -genkeypair -keyalg EC -groupname secp256r1
 * -ext san=dns:localhost,ip:127.0.0.1 -ext bc:c -storepass changeit}.
 */
final class TestTls {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Provider SUN_JSSE = Security.getProvider("SunJSSE");

    private TestTls() {
    }

    /** A SunJSSE server context. */
    static SSLContext serverContext() {
        return serverContext(SUN_JSSE);
    }

    static SSLContext serverContext(Provider provider) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(), PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS", provider);
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("test TLS setup failed", e);
        }
    }

    /** A SunJSSE client context that trusts the test server's certificate only. */
    static SSLContext clientContext() {
        return clientContext(SUN_JSSE);
    }

    static SSLContext clientContext(Provider provider) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore());
            SSLContext context = SSLContext.getInstance("TLS", provider);
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("test TLS setup failed", e);
        }
    }

    private static KeyStore keyStore() throws GeneralSecurityException {
        try (InputStream in = TestTls.class.getResourceAsStream("/test-server.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
