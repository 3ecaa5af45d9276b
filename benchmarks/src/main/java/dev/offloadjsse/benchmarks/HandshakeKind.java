package dev.offloadjsse.benchmarks;

import java.security.GeneralSecurityException;

/** A full handshake to measure: protocol version, cipher suite and the server's certificate. */
public enum HandshakeKind {
    TLS13_ECDSA("TLSv1.3", "TLS_AES_128_GCM_SHA256", false),
    TLS12_ECDSA("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", false),
    TLS12_RSA("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", true);

    private final String protocol;
    private final String cipherSuite;
    private final boolean rsa;

    HandshakeKind(String protocol, String cipherSuite, boolean rsa) {
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
        this.rsa = rsa;
    }

    public String protocol() {
        return protocol;
    }

    public String cipherSuite() {
        return cipherSuite;
    }

    /** ECDSA P-256 or RSA-2048, generated once per JVM. */
    public Credential credential() throws GeneralSecurityException {
        return rsa ? Credential.rsa2048() : Credential.ecdsaP256();
    }
}
