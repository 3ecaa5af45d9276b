package dev.offloadjsse.engine;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Gives a plain {@link X509TrustManager} the engine-aware methods. Like SunJSSE's wrapper of
 * such managers, it adds the HTTPS host name check when the engine's parameters ask for it.
 */
final class TrustManagerAdapter extends X509ExtendedTrustManager {

    private final X509TrustManager delegate;

    TrustManagerAdapter(X509TrustManager delegate) {
        this.delegate = delegate;
    }

    static X509ExtendedTrustManager extend(X509TrustManager trustManager) {
        return trustManager instanceof X509ExtendedTrustManager ? (X509ExtendedTrustManager) trustManager
                : new TrustManagerAdapter(trustManager);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        if (engine != null && "HTTPS".equalsIgnoreCase(engine.getSSLParameters().getEndpointIdentificationAlgorithm())) {
            HostnameCheck.check(engine.getPeerHost(), chain[0]);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
