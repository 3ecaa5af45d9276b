package dev.offloadjsse.engine;

import dev.offloadjsse.OffloadConfig;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/** The {@code SSLContext} of the OffloadJSSE provider. */
public final class OffloadSSLContextSpi extends SSLContextSpi {

    /** Which {@code SSLContext} algorithm this is: it decides the defaults. */
    public enum Kind { TLS, TLS12, DEFAULT }

    private final OffloadConfig config;
    private final Kind kind;
    private final OffloadSessionContext clientSessions = new OffloadSessionContext();
    private final OffloadSessionContext serverSessions = new OffloadSessionContext();
    private volatile ContextState state;

    public OffloadSSLContextSpi(OffloadConfig config, Kind kind) {
        this.config = config;
        this.kind = kind;
        if (kind == Kind.DEFAULT) {
            try {
                init(defaultKeyManagers(), null, null);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Cannot create the default SSLContext from javax.net.ssl.keyStore: " + e, e);
            }
        }
    }

    @Override
    protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
            throws KeyManagementException {
        if (kind == Kind.DEFAULT) {
            throw new KeyManagementException("The Default SSLContext is initialised already");
        }
        try {
            init(keyManagers, trustManagers, random);
        } catch (GeneralSecurityException e) {
            throw new KeyManagementException("Cannot initialise the OffloadJSSE SSLContext: " + e.getMessage(), e);
        }
    }

    private void init(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
            throws GeneralSecurityException {
        List<String> clientProtocols = kind == Kind.TLS12 ? List.of("TLSv1.2") : ContextState.SUPPORTED_PROTOCOLS;
        state = new ContextState(config, config.newHandshakers(random == null ? new SecureRandom() : random),
                keyManager(keyManagers), trustManager(trustManagers), clientSessions, serverSessions, clientProtocols);
    }

    private static X509ExtendedKeyManager keyManager(KeyManager[] keyManagers) {
        if (keyManagers != null) {
            for (KeyManager keyManager : keyManagers) {
                if (keyManager instanceof X509KeyManager) {
                    return KeyManagerAdapter.extend((X509KeyManager) keyManager);
                }
            }
        }
        return null;
    }

    private static X509ExtendedTrustManager trustManager(TrustManager[] trustManagers) throws GeneralSecurityException {
        if (trustManagers == null) {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            trustManagers = factory.getTrustManagers();
        }
        for (TrustManager trustManager : trustManagers) {
            if (trustManager instanceof X509TrustManager) {
                return TrustManagerAdapter.extend((X509TrustManager) trustManager);
            }
        }
        return null;
    }

    /** The key managers of the {@code javax.net.ssl.keyStore*} system properties, as SunJSSE's default context reads them. */
    private static KeyManager[] defaultKeyManagers() throws GeneralSecurityException, IOException {
        String path = System.getProperty("javax.net.ssl.keyStore", "");
        if (path.isEmpty() || "NONE".equals(path)) {
            return null;
        }
        char[] password = System.getProperty("javax.net.ssl.keyStorePassword", "").toCharArray();
        KeyStore keyStore = KeyStore.getInstance(System.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType()));
        try (InputStream in = new FileInputStream(path)) {
            keyStore.load(in, password);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore, password);
        return factory.getKeyManagers();
    }

    private ContextState state() {
        ContextState current = state;
        if (current == null) {
            throw new IllegalStateException("SSLContext is not initialized: call init() first");
        }
        return current;
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return new OffloadEngine(state(), null, -1);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return new OffloadEngine(state(), host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return serverSessions;
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return clientSessions;
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return new dev.offloadjsse.socket.OffloadSSLSocketFactory(this::engineCreateSSLEngine);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return new dev.offloadjsse.socket.OffloadSSLServerSocketFactory(this::engineCreateSSLEngine);
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return parameters(state().clientDefaultProtocols);
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return parameters(ContextState.SUPPORTED_PROTOCOLS);
    }

    private static SSLParameters parameters(List<String> protocols) {
        return new SSLParameters(SupportedSuite.names(), protocols.toArray(new String[0]));
    }
}
