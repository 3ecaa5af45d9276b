package dev.offloadjsse.examples;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.apache.tomcat.util.net.SSLContext;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SSLUtil;
import org.apache.tomcat.util.net.jsse.JSSEImplementation;
import org.apache.tomcat.util.net.jsse.JSSEUtil;

/**
 * Tomcat's JSSE implementation with the {@code SSLContext} taken from a given provider instead of
 * {@code javax.net.ssl.SSLContext.getInstance(protocol)}: set it with
 * {@code connector.setProperty("sslImplementationName", OffloadSslImplementation.class.getName())}.
 * Tomcat creates this class by name, so the example registers its {@link ServerTls} for the
 * {@link SSLHostConfig} beforehand. Everything else (key managers from the host's certificate,
 * protocols, suites, session settings) stays Tomcat's own.
 */
public final class OffloadSslImplementation extends JSSEImplementation {

    private static final Map<SSLHostConfig, Registration> REGISTERED = new ConcurrentHashMap<>();

    private record Registration(ServerTls tls, Set<String> engineClasses) {
    }

    static void register(SSLHostConfig host, ServerTls tls) {
        REGISTERED.put(host, new Registration(tls, new ConcurrentSkipListSet<>()));
    }

    static void unregister(SSLHostConfig host) {
        REGISTERED.remove(host);
    }

    /** The classes of the engines made for {@code host} so far, comma-separated (one, normally). */
    static String engineClasses(SSLHostConfig host) {
        Registration registration = REGISTERED.get(host);
        return registration == null ? "" : String.join(",", new TreeSet<>(registration.engineClasses()));
    }

    @Override
    public SSLUtil getSSLUtil(SSLHostConfigCertificate certificate) {
        Registration registration = REGISTERED.get(certificate.getSSLHostConfig());
        if (registration == null) {
            throw new IllegalStateException("no ServerTls registered for " + certificate.getSSLHostConfig());
        }
        return new Util(certificate, registration);
    }

    private static final class Util extends JSSEUtil {
        private final Registration registration;

        Util(SSLHostConfigCertificate certificate, Registration registration) {
            super(certificate);
            this.registration = registration;
        }

        // Called by the super constructor, before this class's fields are set: the registration
        // is looked up again through the certificate the base class has stored.
        @Override
        protected Set<String> getImplementedProtocols() {
            return Set.copyOf(Arrays.asList(supported().getProtocols()));
        }

        @Override
        protected Set<String> getImplementedCiphers() {
            return Set.copyOf(Arrays.asList(supported().getCipherSuites()));
        }

        private SSLParameters supported() {
            return REGISTERED.get(certificate.getSSLHostConfig()).tls().context().getSupportedSSLParameters();
        }

        @Override
        public SSLContext createSSLContextInternal(List<String> negotiableProtocols) throws java.security.NoSuchAlgorithmException {
            return new ProviderContext(javax.net.ssl.SSLContext.getInstance("TLS",
                    registration.tls().context().getProvider()), registration.engineClasses());
        }
    }

    /** Tomcat's view of a JSSE {@code SSLContext}: the calls forwarded, the engines' class recorded. */
    private static final class ProviderContext implements SSLContext {
        private final javax.net.ssl.SSLContext context;
        private final Set<String> engineClasses;
        private KeyManager[] keyManagers = new KeyManager[0];
        private TrustManager[] trustManagers = new TrustManager[0];

        ProviderContext(javax.net.ssl.SSLContext context, Set<String> engineClasses) {
            this.context = context;
            this.engineClasses = engineClasses;
        }

        @Override
        public void init(KeyManager[] kms, TrustManager[] tms, SecureRandom sr) throws KeyManagementException {
            keyManagers = kms == null ? new KeyManager[0] : kms;
            trustManagers = tms == null ? new TrustManager[0] : tms;
            context.init(kms, tms, sr);
        }

        @Override
        public void destroy() {
        }

        @Override
        public SSLSessionContext getServerSessionContext() {
            return context.getServerSessionContext();
        }

        @Override
        public SSLEngine createSSLEngine() {
            SSLEngine engine = context.createSSLEngine();
            engineClasses.add(engine.getClass().getName());
            return engine;
        }

        @Override
        public SSLServerSocketFactory getServerSocketFactory() {
            return context.getServerSocketFactory();
        }

        @Override
        public SSLParameters getSupportedSSLParameters() {
            return context.getSupportedSSLParameters();
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            for (KeyManager manager : keyManagers) {
                if (manager instanceof X509KeyManager x509) {
                    X509Certificate[] chain = x509.getCertificateChain(alias);
                    if (chain != null) {
                        return chain;
                    }
                }
            }
            return null;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            for (TrustManager manager : trustManagers) {
                if (manager instanceof X509TrustManager x509) {
                    return x509.getAcceptedIssuers();
                }
            }
            return new X509Certificate[0];
        }
    }
}
