package dev.offloadjsse.socket;

import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;

/**
 * Where the sockets get their engines: the {@code SSLContext}'s {@code createSSLEngine(host, port)}.
 * A socket that does not know its peer yet (unconnected, or a server socket's settings) keeps a
 * template engine for its settings and {@link #forPeer moves them} to the real one once the peer
 * is known, because an {@link SSLEngine}'s peer host and port are fixed at creation.
 */
final class EngineFactory {

    private final BiFunction<String, Integer, SSLEngine> engines;

    EngineFactory(BiFunction<String, Integer, SSLEngine> engines) {
        this.engines = engines;
    }

    /** An engine for settings only: no peer yet. */
    SSLEngine template(boolean clientMode) {
        SSLEngine engine = create(null, -1);
        engine.setUseClientMode(clientMode);
        return engine;
    }

    SSLEngine create(String host, int port) {
        return engines.apply(host, port);
    }

    /** A new engine for {@code host:port} with every setting of {@code template}. */
    SSLEngine forPeer(SSLEngine template, String host, int port) {
        SSLEngine engine = create(host, port);
        engine.setUseClientMode(template.getUseClientMode());
        engine.setSSLParameters(template.getSSLParameters());
        engine.setEnableSessionCreation(template.getEnableSessionCreation());
        return engine;
    }
}
