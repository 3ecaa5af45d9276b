package dev.offloadjsse.benchmarks;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/** The TLS 1.3 cipher suites, each with the raw JDK AEAD that bounds its record throughput. */
public enum BulkSuite {
    AES_128_GCM("TLS_AES_128_GCM_SHA256", "AES/GCM/NoPadding", "AES", 16),
    AES_256_GCM("TLS_AES_256_GCM_SHA384", "AES/GCM/NoPadding", "AES", 32),
    CHACHA20_POLY1305("TLS_CHACHA20_POLY1305_SHA256", "ChaCha20-Poly1305", "ChaCha20", 32);

    private static final int TAG_BITS = 128;

    private final String tlsName;
    private final String transformation;
    private final String keyAlgorithm;
    private final int keyLength;

    BulkSuite(String tlsName, String transformation, String keyAlgorithm, int keyLength) {
        this.tlsName = tlsName;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
        this.keyLength = keyLength;
    }

    public String tlsName() {
        return tlsName;
    }

    String transformation() {
        return transformation;
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    int keyLength() {
        return keyLength;
    }

    AlgorithmParameterSpec parameters(byte[] nonce) {
        return this == CHACHA20_POLY1305 ? new IvParameterSpec(nonce) : new GCMParameterSpec(TAG_BITS, nonce);
    }
}
