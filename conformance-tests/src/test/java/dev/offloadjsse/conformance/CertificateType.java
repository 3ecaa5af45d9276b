package dev.offloadjsse.conformance;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The server certificate of a cell: the key type and the signature it makes in the handshake. */
enum CertificateType {
    ECDSA_P256("ECDSA P-256", "EC"),
    RSA_2048("RSA-2048", "RSA"),
    ED25519("Ed25519", "Ed25519");

    private final String label;
    private final String keyAlgorithm;

    CertificateType(String label, String keyAlgorithm) {
        this.label = label;
        this.keyAlgorithm = keyAlgorithm;
    }

    String label() {
        return label;
    }

    KeyPairGenerator keyPairGenerator() throws java.security.GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
        switch (this) {
            case ECDSA_P256:
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                break;
            case RSA_2048:
                generator.initialize(2048);
                break;
            default:
                break;
        }
        return generator;
    }

    /** A TLS 1.2 suite authenticates with this certificate when its name says so (RFC 8422, RFC 5289). */
    boolean authenticates(String tls12Suite) {
        return this == ECDSA_P256 ? tls12Suite.contains("_ECDSA_") : this == RSA_2048 && tls12Suite.contains("_RSA_");
    }
}
