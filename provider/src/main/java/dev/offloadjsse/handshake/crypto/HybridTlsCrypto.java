package dev.offloadjsse.handshake.crypto;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsCryptoUtils;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.TlsSigner;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipher;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle's crypto with the hot operations of a handshake moved, one by one, to whichever
 * implementation measured fastest here (per-operation CPU, Java 17, 2 cores; {@code DESIGN.md}):
 * <ul>
 *   <li>SHA-2 (transcript hash, HMAC, HKDF, PRF): the JDK's, compiled to SHA instructions
 *       (1.4 against 13.8 µs for SHA-256 over 2 KiB);</li>
 *   <li>the HMACs of HKDF, the TLS 1.2 PRF and Finished: one per hash and thread, re-keyed for
 *       each derivation ({@link HybridTlsSecret}), not a new one each time (about 10 KiB of heap
 *       per TLS 1.3 handshake side);</li>
 *   <li>AES-GCM of the handshake's encrypted records: the JDK's (AES-NI, CLMUL), as in the
 *       record layer;</li>
 *   <li>ECDSA and RSA signing: a native provider, when there is one, with the key imported once
 *       (P-256: 25 against 89 µs; RSA-2048 PSS: 660 against 1370 µs);</li>
 *   <li>ECDHE on P-256, P-384 and P-521: the native provider's (P-256 key pair and agreement:
 *       60 µs);</li>
 *   <li>ECDSA checks on those curves: the native provider's, for the heap they save
 *       ({@link NativeVerification});</li>
 *   <li>X25519 stays Bouncy Castle's (114 µs for key pair and agreement, against 330 µs for the
 *       JDK's; Conscrypt 2.5 offers no X25519 through the JCA), its secret made ours
 *       ({@link HybridX25519}), and everything else stays Bouncy Castle's.</li>
 * </ul>
 */
final class HybridTlsCrypto extends BcTlsCrypto {

    /** Prototypes to clone, indexed by {@link CryptoHashAlgorithm}; null where Bouncy Castle hashes. */
    private final MessageDigest[] digests;
    /** The JDK's AES-GCM (SunJCE), or null. */
    private final Provider gcmProvider;
    private final NativeSigning signing;
    private final NativeEcdh ecdh;
    /** Null when there is none. */
    private final NativeVerification verification;
    /** For the HMACs of every secret's HKDF, PRF and Finished MAC ({@link HybridTlsSecret}). */
    private final ThreadHmacs hmacs = new ThreadHmacs(this::createDigest);

    HybridTlsCrypto(SecureRandom random, MessageDigest[] digests, Provider gcmProvider, NativeSigning signing,
            NativeEcdh ecdh, NativeVerification verification) {
        super(random);
        this.digests = digests.clone();
        this.gcmProvider = gcmProvider;
        this.signing = signing;
        this.ecdh = ecdh;
        this.verification = verification;
    }

    @Override
    public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
        return type == CertificateType.X509 ? new HybridTlsCertificate(this, encoding, verification)
                : super.createCertificate(type, encoding);
    }

    @Override
    public TlsSecret createSecret(byte[] data) {
        return adopt(data == null ? null : data.clone());
    }

    /** One copy, where Bouncy Castle's copies twice. */
    @Override
    public TlsSecret adoptSecret(TlsSecret secret) {
        return adopt(HybridTlsSecret.copyOf(secret));
    }

    @Override
    public TlsSecret hkdfInit(int cryptoHashAlgorithm) {
        return adopt(new byte[TlsCryptoUtils.getHashOutputSize(cryptoHashAlgorithm)]);
    }

    /** A secret that owns {@code data}. */
    TlsSecret adopt(byte[] data) {
        return new HybridTlsSecret(this, hmacs, data);
    }

    @Override
    public TlsECDomain createECDomain(TlsECConfig config) {
        if (config.getNamedGroup() == NamedGroup.x25519) {
            return () -> new HybridX25519(this);
        }
        TlsECDomain domain = ecdh == null ? null : ecdh.domain(config.getNamedGroup(), this);
        return domain != null ? domain : super.createECDomain(config);
    }

    @Override
    public Digest createDigest(int cryptoHashAlgorithm) {
        MessageDigest prototype = prototype(cryptoHashAlgorithm);
        if (prototype == null) {
            return super.createDigest(cryptoHashAlgorithm);
        }
        int blockSize = cryptoHashAlgorithm == CryptoHashAlgorithm.sha384 || cryptoHashAlgorithm == CryptoHashAlgorithm.sha512 ? 128 : 64;
        return new JdkDigest(bcName(cryptoHashAlgorithm), blockSize, JdkDigest.cloneOf(prototype));
    }

    @Override
    public Digest cloneDigest(int cryptoHashAlgorithm, Digest digest) {
        return digest instanceof JdkDigest ? ((JdkDigest) digest).copy() : super.cloneDigest(cryptoHashAlgorithm, digest);
    }

    @Override
    protected TlsAEADCipher createCipher_AES_GCM(TlsCryptoParameters parameters, int keySize, int macSize) throws IOException {
        if (gcmProvider == null) {
            return super.createCipher_AES_GCM(parameters, keySize, macSize);
        }
        return new TlsAEADCipher(parameters, new JdkGcmCipher(gcmProvider, keySize, true),
                new JdkGcmCipher(gcmProvider, keySize, false), keySize, macSize, TlsAEADCipher.AEAD_GCM, null);
    }

    /** A signer in the native provider, or null to let Bouncy Castle sign. */
    TlsSigner signer(PrivateKey key, int signatureScheme) {
        return signing == null ? null : signing.signer(key, signatureScheme, getSecureRandom());
    }

    String describe() {
        return signing == null ? "hybrid" : "hybrid+" + signing.providerName();
    }

    private MessageDigest prototype(int cryptoHashAlgorithm) {
        return cryptoHashAlgorithm >= 0 && cryptoHashAlgorithm < digests.length ? digests[cryptoHashAlgorithm] : null;
    }

    /** The JCA names of the SHA-2 hashes, indexed by {@link CryptoHashAlgorithm}; Bouncy Castle uses the same. */
    static String bcName(int cryptoHashAlgorithm) {
        switch (cryptoHashAlgorithm) {
            case CryptoHashAlgorithm.sha224:
                return "SHA-224";
            case CryptoHashAlgorithm.sha256:
                return "SHA-256";
            case CryptoHashAlgorithm.sha384:
                return "SHA-384";
            case CryptoHashAlgorithm.sha512:
                return "SHA-512";
            default:
                return null;
        }
    }
}
