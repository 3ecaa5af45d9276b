package dev.offloadjsse.handshake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/** Conversions between Bouncy Castle's certificate chains and the JDK's. */
final class Certificates {

    private Certificates() {
    }

    static X509Certificate[] toX509(Certificate chain) throws IOException {
        X509Certificate[] result = new X509Certificate[chain.getLength()];
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < result.length; i++) {
                byte[] der = chain.getCertificateAt(i).getEncoded();
                result[i] = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            }
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "Peer certificate cannot be parsed", e);
        }
        return result;
    }

    static List<byte[]> encoded(Certificate chain) throws IOException {
        List<byte[]> result = new ArrayList<>();
        if (chain != null) {
            for (int i = 0; i < chain.getLength(); i++) {
                result.add(chain.getCertificateAt(i).getEncoded());
            }
        }
        return result;
    }
}
