package dev.offloadjsse.nio;

import dev.offloadjsse.HandshakeOffloader;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * How a {@link TlsServer} or {@link TlsClient} treats its engines.
 *
 * @param offloader where the delegated tasks of engines that are not
 *     {@link dev.offloadjsse.OffloadSSLEngine}s run (those use their own offloader); the caller
 *     keeps it and closes it. {@code null} makes the transport create, own and close a pool sized
 *     to the cores
 * @param engineSetup applied to every new engine after its client/server mode is set, for
 *     protocols, cipher suites, endpoint identification and the like
 */
public record TransportConfig(HandshakeOffloader offloader, Consumer<SSLEngine> engineSetup) {

    public TransportConfig {
        Objects.requireNonNull(engineSetup, "engineSetup");
    }

    public static TransportConfig defaults() {
        return new TransportConfig(null, engine -> { });
    }

    public TransportConfig withOffloader(HandshakeOffloader newOffloader) {
        return new TransportConfig(Objects.requireNonNull(newOffloader, "offloader"), engineSetup);
    }

    public TransportConfig withEngineSetup(Consumer<SSLEngine> newEngineSetup) {
        return new TransportConfig(offloader, newEngineSetup);
    }
}
