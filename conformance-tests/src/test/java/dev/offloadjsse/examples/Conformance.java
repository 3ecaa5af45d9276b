package dev.offloadjsse.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** What the example-server conformance tests share: the provider under test, trust, the JSON. */
final class Conformance {

    /** The JSSE provider under test: system property {@code offloadjsse.test.provider}. */
    static final String PROVIDER = System.getProperty("offloadjsse.test.provider", "OffloadJSSE");

    private Conformance() {
    }

    /** A client context of {@code provider} that trusts only the certificate in {@code pem}. */
    static SSLContext trusting(Path pem, String provider) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trusted.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS", JsseProviders.installed(provider));
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A string field of the status JSON, or {@code null} when it is not there. */
    static String jsonField(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }
}
