package dev.offloadjsse.remote;

import dev.offloadjsse.handshake.BcHandshakerFactory;
import dev.offloadjsse.handshake.HandshakeRequest;
import dev.offloadjsse.handshake.Handshaker;
import dev.offloadjsse.handshake.HandshakerFactory;
import java.security.SecureRandom;

/**
 * The handshake component of a front end that holds no private key: server-role handshakes run
 * in a remote handshake server ({@link RemoteHandshakers}); client-role handshakes (the front
 * end connecting out) run locally, since they need the front end's trust, not a server key.
 */
public final class RemoteHandshakerFactory implements HandshakerFactory {

    private final RemoteHandshakers remote;
    private final HandshakerFactory local;

    public RemoteHandshakerFactory(RemoteHandshakers remote, SecureRandom random) {
        this.remote = remote;
        this.local = new BcHandshakerFactory(random);
    }

    @Override
    public Handshaker create(HandshakeRequest request) {
        return request.client() ? local.create(request) : new RemoteHandshaker(remote, request);
    }
}
