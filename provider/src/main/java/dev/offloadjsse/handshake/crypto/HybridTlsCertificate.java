package dev.offloadjsse.handshake.crypto;

import java.io.IOException;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.crypto.Tls13Verifier;
import org.bouncycastle.tls.crypto.TlsVerifier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle's X.509 certificate, with two changes:
 * <ul>
 *   <li>{@link #getEncoded()} gives the bytes it was made from, as SunJSSE passes them on,
 *       instead of encoding the parsed certificate again (about 2 KiB of garbage each time: a
 *       server's Certificate message and both sides' session chains ask for it);</li>
 *   <li>{@link NativeVerification}, when there is one, checks its ECDSA signatures where it
 *       can; every other check, and the key's own checks (key usage, an EC key, a point on its
 *       curve), stay Bouncy Castle's.</li>
 * </ul>
 */
final class HybridTlsCertificate extends BcTlsCertificate {

    private final byte[] encoding;
    /** Null when there is no native provider. */
    private final NativeVerification verification;

    HybridTlsCertificate(BcTlsCrypto crypto, byte[] encoding, NativeVerification verification) throws IOException {
        super(crypto, encoding);
        this.encoding = encoding.clone();
        this.verification = verification;
    }

    @Override
    public byte[] getEncoded() {
        return encoding.clone();
    }

    @Override
    public Tls13Verifier createVerifier(int signatureScheme) throws IOException {
        if (verification == null || !verification.checks(signatureScheme)) {
            return super.createVerifier(signatureScheme);
        }
        checkKeyAsBouncyCastleDoes();
        Tls13Verifier verifier = verification.tls13Verifier(keyInfo, signatureScheme);
        return verifier != null ? verifier : super.createVerifier(signatureScheme);
    }

    @Override
    public TlsVerifier createVerifier(short signatureAlgorithm) throws IOException {
        if (verification == null || signatureAlgorithm != SignatureAlgorithm.ecdsa) {
            return super.createVerifier(signatureAlgorithm);
        }
        checkKeyAsBouncyCastleDoes();
        TlsVerifier verifier = verification.tls12Verifier(keyInfo);
        return verifier != null ? verifier : super.createVerifier(signatureAlgorithm);
    }

    /** What Bouncy Castle checks before it makes an ECDSA verifier: key usage, then an EC key on its curve. */
    private void checkKeyAsBouncyCastleDoes() throws IOException {
        validateKeyUsage(KeyUsage.digitalSignature);
        getPubKeyEC();
    }
}
