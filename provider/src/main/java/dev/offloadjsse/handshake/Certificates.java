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

/** Conversions between Bouncy Castle's certificate chains, DER lists and the JDK's chains. */
public final class Certificates {

    private Certificates() {
    }

    static X509Certificate[] toX509(Certificate chain) throws IOException {
        try {
            return parse(encoded(chain));
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "Peer certificate cannot be parsed", e);
        }
    }

    /** DER certificates, leaf first, as JDK objects. */
    public static X509Certificate[] parse(List<byte[]> chain) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate[] result = new X509Certificate[chain.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(chain.get(i)));
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
