package dev.offloadjsse.handshake.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.CryptoHashAlgorithm;
import org.bouncycastle.tls.crypto.TlsCryptoUtils;
import org.bouncycastle.tls.crypto.TlsSigner;
import org.bouncycastle.tls.crypto.TlsStreamSigner;

/**
 * Signs with a private key that was imported once into a JCA provider (Conscrypt), for one
 * signature scheme. Modelled on Bouncy Castle's {@code JcaTlsECDSA13Signer},
 * {@code JcaTlsRSASigner} and {@code JcaTlsRSAPSSSigner}:
 * <ul>
 *   <li>ECDSA signs the hash Bouncy Castle computed (TLS 1.2 and 1.3 both give one):
 *       {@code NONEwithECDSA};</li>
 *   <li>RSA PKCS#1 v1.5 (TLS 1.2) and RSA-PSS (RFC 8446 §4.2.3: salt as long as the hash,
 *       MGF1 with the same hash) sign the message as it is streamed.</li>
 * </ul>
 * A {@link Signature} is made per signature: they are not thread-safe, and making one is a
 * small part of the cost of the private-key operation.
 */
final class JcaSigner implements TlsSigner {

    private final Provider provider;
    private final PrivateKey key;
    private final int scheme;
    private final SecureRandom random;

    JcaSigner(Provider provider, PrivateKey key, int scheme, SecureRandom random) {
        this.provider = provider;
        this.key = key;
        this.scheme = scheme;
        this.random = random;
    }

    /** Whether {@code scheme} is one this class signs, with a key of JCA algorithm {@code keyAlgorithm}. */
    static boolean handles(String keyAlgorithm, int scheme) {
        switch (keyAlgorithm) {
            case "EC":
                return SignatureScheme.isECDSA(scheme);
            case "RSA":
                return isRsaeScheme(scheme)
                        || SignatureScheme.getSignatureAlgorithm(scheme) == SignatureAlgorithm.rsa && jcaHash(scheme) != null;
            default:
                return false;
        }
    }

    /** RSA-PSS with an rsaEncryption key (RFC 8446 §4.2.3); the rsa_pss_pss schemes need RSASSA-PSS keys. */
    private static boolean isRsaeScheme(int scheme) {
        return scheme == SignatureScheme.rsa_pss_rsae_sha256 || scheme == SignatureScheme.rsa_pss_rsae_sha384
                || scheme == SignatureScheme.rsa_pss_rsae_sha512;
    }

    /** The JCA digest name ("SHA-256") of {@code scheme}'s hash, or null for hashes we leave to Bouncy Castle. */
    private static String jcaHash(int scheme) {
        int hash = SignatureScheme.getCryptoHashAlgorithm(scheme);
        return hash == CryptoHashAlgorithm.sha224 ? null : HybridTlsCrypto.bcName(hash);
    }

    @Override
    public byte[] generateRawSignature(SignatureAndHashAlgorithm algorithm, byte[] hash) throws IOException {
        check(algorithm);
        try {
            Signature signature;
            byte[] input = hash;
            if (SignatureScheme.isECDSA(scheme)) {
                signature = Signature.getInstance("NONEwithECDSA", provider);
            } else if (!SignatureScheme.isRSAPSS(scheme)) {
                signature = Signature.getInstance("NONEwithRSA", provider);
                if (algorithm != null) {
                    // RFC 5246 §4.7: PKCS#1 v1.5 over a DigestInfo (TLS 1.0/1.1 signed the bare MD5+SHA-1).
                    AlgorithmIdentifier id = new AlgorithmIdentifier(TlsUtils.getOIDForHashAlgorithm(algorithm.getHash()),
                            DERNull.INSTANCE);
                    input = new DigestInfo(id, hash).getEncoded(ASN1Encoding.DER);
                }
            } else {
                throw new TlsFatalAlert(AlertDescription.internal_error, "RSA-PSS signs a stream, not a hash");
            }
            signature.initSign(key, random);
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "Signing with " + provider.getName() + " failed", e);
        }
    }

    @Override
    public TlsStreamSigner getStreamSigner(SignatureAndHashAlgorithm algorithm) throws IOException {
        check(algorithm);
        if (SignatureScheme.isECDSA(scheme) || algorithm == null) {
            return null; // generateRawSignature on Bouncy Castle's hash (ours runs on the JDK's SHA-2)
        }
        String hash = jcaHash(scheme);
        String name = hash.replace("-", "") + "withRSA";
        try {
            Signature signature;
            if (SignatureScheme.isRSAPSS(scheme)) {
                signature = Signature.getInstance(name + "/PSS", provider);
                signature.initSign(key, random);
                // Set even where they are the provider's defaults: providers differ.
                int saltLength = TlsCryptoUtils.getHashOutputSize(SignatureScheme.getCryptoHashAlgorithm(scheme));
                signature.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength,
                        PSSParameterSpec.TRAILER_FIELD_BC));
            } else {
                signature = Signature.getInstance(name, provider);
                signature.initSign(key, random);
            }
            return new StreamSigner(signature);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "Signing with " + provider.getName() + " failed", e);
        }
    }

    private void check(SignatureAndHashAlgorithm algorithm) {
        if (algorithm != null && SignatureScheme.from(algorithm) != scheme) {
            throw new IllegalStateException("Signer for " + SignatureScheme.getName(scheme) + " asked for " + algorithm);
        }
    }

    private static final class StreamSigner extends SignatureOutputStream implements TlsStreamSigner {

        StreamSigner(Signature signature) {
            super(signature);
        }

        @Override
        public OutputStream getOutputStream() {
            return this;
        }

        @Override
        public byte[] getSignature() throws IOException {
            try {
                return signature.sign();
            } catch (SignatureException e) {
                throw new TlsFatalAlert(AlertDescription.internal_error, "Signing with " + signature.getProvider().getName() + " failed", e);
            }
        }
    }
}
