package dev.offloadjsse.handshake.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.tls.DigitallySigned;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.crypto.Tls13Verifier;
import org.bouncycastle.tls.crypto.TlsStreamVerifier;
import org.bouncycastle.tls.crypto.TlsVerifier;

/**
 * ECDSA signature checks on the NIST curves in a native JCA provider (Conscrypt). Bouncy Castle's
 * check, in Java, allocates about 200 KB of field elements per P-256 signature: most of a client's
 * handshake heap. The peer's key is imported from its certificate for each check; a certificate
 * is checked once per handshake.
 */
final class NativeVerification {

    private static final Map<Integer, String> TLS13_ALGORITHMS = Map.of(
            SignatureScheme.ecdsa_secp256r1_sha256, "SHA256withECDSA",
            SignatureScheme.ecdsa_secp384r1_sha384, "SHA384withECDSA",
            SignatureScheme.ecdsa_secp521r1_sha512, "SHA512withECDSA");
    /** TLS 1.2 checks the hash Bouncy Castle computed over the signed data. */
    private static final String TLS12_ALGORITHM = "NONEwithECDSA";

    private final Provider provider;

    private NativeVerification(Provider provider) {
        this.provider = provider;
    }

    /** Null when {@code provider} lacks one of the checks. */
    static NativeVerification of(Provider provider) {
        boolean complete = provider.getService("KeyFactory", "EC") != null
                && provider.getService("Signature", TLS12_ALGORITHM) != null
                && TLS13_ALGORITHMS.values().stream().allMatch(algorithm -> provider.getService("Signature", algorithm) != null);
        return complete ? new NativeVerification(provider) : null;
    }

    /** For the log: "Conscrypt ECDSA verification". */
    String describe() {
        return provider.getName() + " ECDSA verification";
    }

    /** Whether this class checks TLS 1.3 signatures of {@code scheme}. */
    boolean checks(int scheme) {
        return TLS13_ALGORITHMS.containsKey(scheme);
    }

    /** A check of TLS 1.3 {@code scheme} (one it {@link #checks}) with {@code key}, or null: then Bouncy Castle checks. */
    Tls13Verifier tls13Verifier(SubjectPublicKeyInfo key, int scheme) throws IOException {
        Signature signature = initialised(TLS13_ALGORITHMS.get(scheme), key);
        return signature == null ? null : new Tls13Check(signature);
    }

    /** A check of TLS 1.2 ECDSA signatures with {@code key}, or null: then Bouncy Castle checks. */
    TlsVerifier tls12Verifier(SubjectPublicKeyInfo key) throws IOException {
        Signature signature = initialised(TLS12_ALGORITHM, key);
        return signature == null ? null : new Tls12Check(signature);
    }

    /** Null when the provider cannot take the key (a curve it lacks, say). */
    private Signature initialised(String algorithm, SubjectPublicKeyInfo key) throws IOException {
        try {
            Signature signature = Signature.getInstance(algorithm, provider);
            signature.initVerify(KeyFactory.getInstance("EC", provider)
                    .generatePublic(new X509EncodedKeySpec(key.getEncoded(ASN1Encoding.DER))));
            return signature;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** As Bouncy Castle's {@code verifySignature}: a malformed signature is a false one. */
    private static boolean verified(Signature signature, byte[] encoded) {
        try {
            return signature.verify(encoded);
        } catch (SignatureException e) {
            return false;
        }
    }

    private static final class Tls13Check extends SignatureOutputStream implements Tls13Verifier {

        Tls13Check(Signature signature) {
            super(signature);
        }

        @Override
        public OutputStream getOutputStream() {
            return this;
        }

        @Override
        public boolean verifySignature(byte[] encoded) {
            return verified(signature, encoded);
        }
    }

    private static final class Tls12Check implements TlsVerifier {

        private final Signature signature;

        Tls12Check(Signature signature) {
            this.signature = signature;
        }

        @Override
        public TlsStreamVerifier getStreamVerifier(DigitallySigned digitallySigned) {
            return null; // verifyRawSignature, on the hash
        }

        @Override
        public boolean verifyRawSignature(DigitallySigned digitallySigned, byte[] hash) throws IOException {
            SignatureAndHashAlgorithm algorithm = digitallySigned.getAlgorithm();
            if (algorithm == null || algorithm.getSignature() != SignatureAlgorithm.ecdsa) {
                throw new IllegalStateException("Invalid algorithm: " + algorithm);
            }
            try {
                signature.update(hash);
            } catch (SignatureException e) {
                throw new IOException(e);
            }
            return verified(signature, digitallySigned.getSignature());
        }
    }
}
