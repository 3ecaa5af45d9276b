package dev.offloadjsse.handshake;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/** Checks the peer's chain with the request's trust manager, as SunJSSE does. */
final class TrustCheck {

    private TrustCheck() {
    }

    static X509Certificate[] checkServer(HandshakeRequest request, Certificate chain, String authType) throws IOException {
        X509Certificate[] certificates = received(request, chain, "server");
        try {
            request.trustManager().checkServerTrusted(certificates, authType, request.engine());
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.certificate_unknown,
                    "Server certificate '" + certificates[0].getSubjectX500Principal() + "' is not trusted: " + e.getMessage(), e);
        }
        return certificates;
    }

    static X509Certificate[] checkClient(HandshakeRequest request, Certificate chain) throws IOException {
        X509Certificate[] certificates = received(request, chain, "client");
        try {
            request.trustManager().checkClientTrusted(certificates, certificates[0].getPublicKey().getAlgorithm(),
                    request.engine());
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.certificate_unknown,
                    "Client certificate '" + certificates[0].getSubjectX500Principal() + "' is not trusted: " + e.getMessage(), e);
        }
        return certificates;
    }

    private static X509Certificate[] received(HandshakeRequest request, Certificate chain, String role) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "The " + role + " sent no certificate");
        }
        X509Certificate[] certificates = Certificates.toX509(chain);
        request.progress().peerCertificatesReceived(certificates);
        if (request.trustManager() == null) {
            throw new TlsFatalAlert(AlertDescription.certificate_unknown, "No trust manager to check the " + role + " certificate");
        }
        return certificates;
    }
}
