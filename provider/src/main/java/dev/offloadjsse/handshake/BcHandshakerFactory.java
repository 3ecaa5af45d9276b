package dev.offloadjsse.handshake;

import dev.offloadjsse.handshake.crypto.HandshakeCrypto;
import java.security.SecureRandom;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Creates Bouncy Castle handshakers. One per {@code SSLContext}: its crypto and converted key
 * material are shared by all that context's handshakes.
 */
public final class BcHandshakerFactory implements HandshakerFactory {

    private final BcTlsCrypto crypto;
    private final KeyMaterial keyMaterial;
    private final ResumptionCache resumption;

    /** With the crypto that {@link HandshakeCrypto#PROPERTY} chooses. */
    public BcHandshakerFactory(SecureRandom random) {
        this(random, HandshakeCrypto.Choice.fromSystemProperty());
    }

    public BcHandshakerFactory(SecureRandom random, HandshakeCrypto.Choice choice) {
        this.crypto = HandshakeCrypto.create(random, choice);
        this.keyMaterial = new KeyMaterial(crypto);
        this.resumption = new ResumptionCache(random);
    }

    @Override
    public Handshaker create(HandshakeRequest request) {
        return new BcHandshaker(this, request);
    }

    BcTlsCrypto crypto() {
        return crypto;
    }

    KeyMaterial keyMaterial() {
        return keyMaterial;
    }

    ResumptionCache resumption() {
        return resumption;
    }
}
