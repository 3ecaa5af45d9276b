package dev.offloadjsse.remote;

import dev.offloadjsse.handshake.BcHandshakerFactory;
import dev.offloadjsse.handshake.HandshakeProgress;
import dev.offloadjsse.handshake.HandshakeRequest;
import dev.offloadjsse.handshake.Handshaker;
import dev.offloadjsse.handshake.HandshakerFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.SNIServerName;

/**
 * The handshake component of a keyless front end, private-key operations only: every
 * handshake runs here, in the front end's own pool, with the provider's Bouncy Castle
 * handshaker; a server-role handshake gets the handshake servers' certificates and
 * {@link RemoteKey}s instead of the context's key manager, so its one signature is a remote
 * call. The SNI the client sent chooses among several keys, as on the handshake server. The
 * session says which server signed ({@link HandshakeProgress#servedBy}, {@link #SIGNED_BY}).
 */
final class KeylessHandshakerFactory implements HandshakerFactory {

    /** What {@link HandshakeProgress#servedBy} says, before the name of the server that signed. */
    static final String SIGNED_BY = "local handshake, signature by handshake server ";

    private final RemoteHandshakers remote;
    private final HandshakerFactory local;

    KeylessHandshakerFactory(RemoteHandshakers remote, SecureRandom random) {
        this.remote = remote;
        this.local = new BcHandshakerFactory(random);
    }

    @Override
    public Handshaker create(HandshakeRequest request) {
        if (request.client()) {
            return local.create(request);
        }
        HandshakeProgress progress = request.progress();
        SniKeyManager keys = new SniKeyManager(remote.serverKeys().reportingTo(server -> progress.servedBy(SIGNED_BY + server)));
        return local.create(RequestBuilder.from(request)
                .set("keyManager", keys)
                .set("progress", watchingServerNames(progress, keys))
                .build());
    }

    /** {@code progress}, telling {@code keys} the client's SNI names on the way. */
    private static HandshakeProgress watchingServerNames(HandshakeProgress progress, SniKeyManager keys) {
        return (HandshakeProgress) Proxy.newProxyInstance(HandshakeProgress.class.getClassLoader(),
                new Class<?>[] {HandshakeProgress.class}, (proxy, method, args) -> {
                    if (method.getName().equals("serverNamesReceived") && args != null && args.length == 1) {
                        @SuppressWarnings("unchecked")
                        List<SNIServerName> names = (List<SNIServerName>) args[0];
                        keys.serverNames(names);
                    }
                    try {
                        return method.invoke(progress, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
