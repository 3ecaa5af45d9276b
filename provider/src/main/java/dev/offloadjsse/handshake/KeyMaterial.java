package dev.offloadjsse.handshake;

import dev.offloadjsse.handshake.crypto.HandshakeCrypto;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.DefaultTlsCredentialedSigner;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Turns the JDK key material a key manager hands out into Bouncy Castle signers: the faster
 * one {@link HandshakeCrypto} offers (a native provider's) when there is one, else Bouncy
 * Castle's own. Converted private keys and parsed certificates are kept (weakly, per key or
 * certificate object) so that a handshake parses neither PKCS#8 nor X.509 again.
 */
final class KeyMaterial {

    private final BcTlsCrypto crypto;
    private final Map<PrivateKey, AsymmetricKeyParameter> keys = Collections.synchronizedMap(new WeakHashMap<>());
    /** Parsed local certificates: parsing one (Bouncy Castle's ASN.1) cost about 5% of a handshake. */
    private final Map<X509Certificate, TlsCertificate> parsedCertificates = Collections.synchronizedMap(new WeakHashMap<>());

    KeyMaterial(BcTlsCrypto crypto) {
        this.crypto = crypto;
    }

    /** JSSE key types a key manager is asked for, in the order a server prefers them. */
    static final List<String> SERVER_KEY_TYPES = List.of("EC", "RSA", "RSASSA-PSS", "EdDSA");

    /** The TLS 1.3 signature schemes (RFC 8446 §4.2.3) that {@code key} can produce. */
    static List<Integer> tls13Schemes(PrivateKey key) {
        switch (key.getAlgorithm()) {
            case "EC":
                int bits = ((ECKey) key).getParams().getCurve().getField().getFieldSize();
                return bits == 256 ? List.of(SignatureScheme.ecdsa_secp256r1_sha256)
                        : bits == 384 ? List.of(SignatureScheme.ecdsa_secp384r1_sha384)
                        : bits == 521 ? List.of(SignatureScheme.ecdsa_secp521r1_sha512) : List.of();
            case "RSA":
                return List.of(SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pss_rsae_sha384,
                        SignatureScheme.rsa_pss_rsae_sha512);
            case "RSASSA-PSS":
                return List.of(SignatureScheme.rsa_pss_pss_sha256, SignatureScheme.rsa_pss_pss_sha384,
                        SignatureScheme.rsa_pss_pss_sha512);
            case "EdDSA":
            case "Ed25519":
                return List.of(SignatureScheme.ed25519);
            default:
                return List.of();
        }
    }

    /** TLS 1.2 signature schemes (RFC 5246 §7.4.1.4.1 hash/signature pairs) for {@code key}. */
    static List<Integer> tls12Schemes(PrivateKey key) {
        switch (key.getAlgorithm()) {
            case "EC":
                return List.of(SignatureScheme.ecdsa_secp256r1_sha256, SignatureScheme.ecdsa_secp384r1_sha384,
                        SignatureScheme.ecdsa_secp521r1_sha512);
            case "RSA":
                return List.of(SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pkcs1_sha256,
                        SignatureScheme.rsa_pss_rsae_sha384, SignatureScheme.rsa_pkcs1_sha384,
                        SignatureScheme.rsa_pss_rsae_sha512, SignatureScheme.rsa_pkcs1_sha512);
            default:
                return List.of();
        }
    }

    /** The first scheme of {@code peerSchemes} (the peer's preference) that {@code ours} contains, or -1. */
    static int choose(List<Integer> peerSchemes, List<Integer> ours) {
        for (int scheme : peerSchemes) {
            if (ours.contains(scheme)) {
                return scheme;
            }
        }
        return -1;
    }

    TlsCredentialedSigner signer(TlsContext context, PrivateKey key, X509Certificate[] chain, int scheme,
            byte[] certificateRequestContext) throws IOException {
        TlsCryptoParameters parameters = new TlsCryptoParameters(context);
        Certificate certificate = certificate(chain, certificateRequestContext);
        SignatureAndHashAlgorithm algorithm = SignatureScheme.getSignatureAndHashAlgorithm(scheme);
        if (key instanceof ExternalSigner) {
            return new DefaultTlsCredentialedSigner(parameters, new ExternalTlsSigner((ExternalSigner) key, scheme),
                    certificate, algorithm);
        }
        TlsSigner fast = HandshakeCrypto.signer(crypto, key, scheme);
        if (fast != null) {
            return new DefaultTlsCredentialedSigner(parameters, fast, certificate, algorithm);
        }
        return new BcDefaultTlsCredentialedSigner(parameters, crypto, bcKey(key), certificate, algorithm);
    }

    private AsymmetricKeyParameter bcKey(PrivateKey key) throws IOException {
        AsymmetricKeyParameter converted = keys.get(key);
        if (converted == null) {
            byte[] pkcs8 = key.getEncoded();
            if (pkcs8 == null) {
                throw new TlsFatalAlert(AlertDescription.internal_error,
                        "The " + key.getAlgorithm() + " private key cannot be exported to the handshake (no PKCS#8 encoding)");
            }
            converted = PrivateKeyFactory.createKey(pkcs8);
            keys.put(key, converted);
        }
        return converted;
    }

    private TlsCertificate tlsCertificate(X509Certificate certificate) throws IOException, CertificateEncodingException {
        TlsCertificate parsed = parsedCertificates.get(certificate);
        if (parsed == null) {
            parsed = crypto.createCertificate(certificate.getEncoded());
            parsedCertificates.put(certificate, parsed);
        }
        return parsed;
    }

    /** A TLS 1.3 chain when {@code certificateRequestContext} is not null, else a TLS 1.2 one. */
    private Certificate certificate(X509Certificate[] chain, byte[] certificateRequestContext) throws IOException {
        TlsCertificate[] certificates = new TlsCertificate[chain.length];
        try {
            for (int i = 0; i < chain.length; i++) {
                certificates[i] = tlsCertificate(chain[i]);
            }
        } catch (CertificateEncodingException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, "Local certificate cannot be encoded", e);
        }
        if (certificateRequestContext == null) {
            return new Certificate(certificates);
        }
        CertificateEntry[] entries = new CertificateEntry[certificates.length];
        for (int i = 0; i < certificates.length; i++) {
            entries[i] = new CertificateEntry(certificates[i], null);
        }
        return new Certificate(certificateRequestContext, entries);
    }
}
