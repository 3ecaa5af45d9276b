package dev.offloadjsse.record;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/** The AEAD ciphers that protect records, implemented by the JDK's JCA providers. */
public enum AeadAlgorithm {
    AES_128_GCM("AES/GCM/NoPadding", "AES", 16, 4, 8),
    AES_256_GCM("AES/GCM/NoPadding", "AES", 32, 4, 8),
    CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20", 32, 12, 0);

    public static final int TAG_LENGTH = 16;
    public static final int NONCE_LENGTH = 12;
    /** AES's block; ChaCha20-Poly1305 is split the same way, harmlessly. */
    static final int BLOCK_LENGTH = 16;

    private final String transformation;
    private final String keyAlgorithm;
    private final int keyLength;
    private final int tls12FixedIvLength;
    private final int tls12ExplicitNonceLength;
    private volatile Provider provider;

    AeadAlgorithm(String transformation, String keyAlgorithm, int keyLength, int tls12FixedIvLength,
            int tls12ExplicitNonceLength) {
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
        this.keyLength = keyLength;
        this.tls12FixedIvLength = tls12FixedIvLength;
        this.tls12ExplicitNonceLength = tls12ExplicitNonceLength;
    }

    public int keyLength() {
        return keyLength;
    }

    /** RFC 5288 / RFC 7905: the implicit part of the nonce that the TLS 1.2 key block supplies. */
    public int tls12FixedIvLength() {
        return tls12FixedIvLength;
    }

    /** RFC 5288: AES-GCM sends 8 bytes of its nonce in each record; ChaCha20 (RFC 7905) none. */
    public int tls12ExplicitNonceLength() {
        return tls12ExplicitNonceLength;
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    /**
     * A cipher bound to its provider at once: {@code Cipher.getInstance(transformation)} alone keeps
     * about 1 KB of provider lookup state until its first {@code init}, on every idle connection.
     */
    Cipher newCipher() throws GeneralSecurityException {
        Provider provider = this.provider;
        if (provider == null) {
            provider = Cipher.getInstance(transformation).getProvider();
            this.provider = provider;
        }
        return Cipher.getInstance(transformation, provider);
    }

    AlgorithmParameterSpec parameters(byte[] nonce) {
        return this == CHACHA20_POLY1305 ? new IvParameterSpec(nonce) : new GCMParameterSpec(TAG_LENGTH * 8, nonce);
    }
}
