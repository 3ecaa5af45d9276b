package dev.offloadjsse.handshake.crypto;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsECDomain;

/**
 * ECDHE on the NIST curves in a native provider (Conscrypt: key pair and agreement for P-256
 * in 60 µs here). Public keys cross as X.509 SubjectPublicKeyInfo: the curve's fixed DER
 * prefix, learnt once from a generated key, then the uncompressed point that TLS carries
 * (RFC 8446 §4.2.8.2, RFC 8422 §5.4.1). The peer's point is checked on Bouncy Castle's curve
 * first, as {@code BcTlsECDomain} would check it, and the secret is the x coordinate at the
 * field's full length (RFC 8422 §5.10), which is what the JCA's ECDH returns.
 */
final class NativeEcdh {

    private static final System.Logger LOG = System.getLogger(NativeEcdh.class.getName());

    /** One curve: its name for the JCA, the SubjectPublicKeyInfo prefix, the point length. */
    private static final class Curve {
        final String name;
        final byte[] spkiPrefix;
        final int pointLength;
        final ECDomainParameters bcDomain;

        Curve(String name, byte[] spkiPrefix, int pointLength, ECDomainParameters bcDomain) {
            this.name = name;
            this.spkiPrefix = spkiPrefix;
            this.pointLength = pointLength;
            this.bcDomain = bcDomain;
        }
    }

    private final Provider provider;
    private final Map<Integer, Curve> curves;

    private NativeEcdh(Provider provider, Map<Integer, Curve> curves) {
        this.provider = provider;
        this.curves = curves;
    }

    /** Null when {@code provider} does ECDH on none of the curves. */
    static NativeEcdh of(Provider provider) {
        if (provider.getService("KeyAgreement", "ECDH") == null || provider.getService("KeyPairGenerator", "EC") == null
                || provider.getService("KeyFactory", "EC") == null) {
            return null;
        }
        Map<Integer, Curve> curves = new HashMap<>();
        for (int group : new int[] {NamedGroup.secp256r1, NamedGroup.secp384r1, NamedGroup.secp521r1}) {
            String name = NamedGroup.getCurveName(group);
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
                generator.initialize(new ECGenParameterSpec(name));
                byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
                ECDomainParameters bcDomain = BcTlsECDomain.getDomainParameters(group);
                int pointLength = 1 + 2 * ((bcDomain.getCurve().getFieldSize() + 7) / 8);
                if (spki == null || spki.length <= pointLength || spki[spki.length - pointLength] != 0x04) {
                    continue;
                }
                curves.put(group, new Curve(name, Arrays.copyOf(spki, spki.length - pointLength), pointLength, bcDomain));
            } catch (GeneralSecurityException | RuntimeException e) {
                LOG.log(Level.DEBUG, () -> provider.getName() + " has no ECDH on " + name + ": " + e);
            }
        }
        return curves.isEmpty() ? null : new NativeEcdh(provider, curves);
    }

    /** For the log: "Conscrypt ECDH". */
    String describe() {
        return provider.getName() + " ECDH";
    }

    /** The domain of {@code namedGroup}, or null when the native provider does not do it. */
    TlsECDomain domain(int namedGroup, BcTlsCrypto crypto) {
        Curve curve = curves.get(namedGroup);
        return curve == null ? null : () -> new Agreement(curve, crypto);
    }

    private final class Agreement implements TlsAgreement {

        private final Curve curve;
        private final BcTlsCrypto crypto;
        private KeyPair local;
        private PublicKey peer;

        Agreement(Curve curve, BcTlsCrypto crypto) {
            this.curve = curve;
            this.crypto = crypto;
        }

        @Override
        public byte[] generateEphemeral() throws IOException {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
                generator.initialize(new ECGenParameterSpec(curve.name), crypto.getSecureRandom());
                local = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new TlsFatalAlert(AlertDescription.internal_error, "ECDH key pair on " + curve.name + " failed", e);
            }
            byte[] spki = local.getPublic().getEncoded();
            return Arrays.copyOfRange(spki, spki.length - curve.pointLength, spki.length);
        }

        @Override
        public void receivePeerValue(byte[] peerValue) throws IOException {
            if (peerValue == null || peerValue.length != curve.pointLength || peerValue[0] != 0x04) {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter, "Not an uncompressed " + curve.name + " point");
            }
            try {
                curve.bcDomain.getCurve().decodePoint(peerValue); // on the curve, not infinity
                byte[] spki = Arrays.copyOf(curve.spkiPrefix, curve.spkiPrefix.length + peerValue.length);
                System.arraycopy(peerValue, 0, spki, curve.spkiPrefix.length, peerValue.length);
                peer = KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter, "Bad " + curve.name + " point", e);
            }
        }

        @Override
        public TlsSecret calculateSecret() throws IOException {
            byte[] secret = null;
            try {
                KeyAgreement agreement = KeyAgreement.getInstance("ECDH", provider);
                agreement.init(local.getPrivate());
                agreement.doPhase(peer, true);
                secret = agreement.generateSecret();
                return crypto.createSecret(secret);
            } catch (GeneralSecurityException e) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "ECDH on " + curve.name + " failed", e);
            } finally {
                if (secret != null) {
                    Arrays.fill(secret, (byte) 0);
                }
                local = null;
                peer = null;
            }
        }
    }
}
