package dev.offloadjsse.handshake.crypto;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.bc.BcX25519;

/**
 * Bouncy Castle's X25519 (RFC 7748), whose shared secret is a {@link HybridTlsSecret}: in TLS
 * 1.2 the premaster secret derives the master secret, key block and Finished through the PRF,
 * and Bouncy Castle's own secret would make a new HMAC for each. The agreement is as in
 * {@code BcX25519.calculateSecret}: an all-zero result is a handshake failure, and both keys
 * are zeroed afterwards.
 */
final class HybridX25519 extends BcX25519 {

    HybridX25519(HybridTlsCrypto crypto) {
        super(crypto);
    }

    @Override
    public TlsSecret calculateSecret() throws IOException {
        try {
            byte[] secret = new byte[X25519.POINT_SIZE];
            if (!X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, secret, 0)) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure);
            }
            return ((HybridTlsCrypto) crypto).adopt(secret);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
            Arrays.fill(peerPublicKey, (byte) 0);
        }
    }
}
