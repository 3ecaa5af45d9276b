package dev.offloadjsse.engine;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** DER certificate chains of a {@link dev.offloadjsse.handshake.HandshakeResult} as JDK objects. */
final class Certificates {

    private Certificates() {
    }

    /** The chain, or null when empty or unparseable (the handshake already verified it). */
    static X509Certificate[] parse(List<byte[]> chain) {
        if (chain.isEmpty()) {
            return null;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate[] certificates = new X509Certificate[chain.size()];
            for (int i = 0; i < certificates.length; i++) {
                certificates[i] = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(chain.get(i)));
            }
            return certificates;
        } catch (CertificateException e) {
            return null;
        }
    }
}
