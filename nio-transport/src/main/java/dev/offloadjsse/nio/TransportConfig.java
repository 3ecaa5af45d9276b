package dev.offloadjsse.nio;

import dev.offloadjsse.HandshakeOffloader;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * How a {@link TlsServer} or {@link TlsClient} treats its engines, and the bounds that keep one
 * transport's memory and connections finite under a flood.
 *
 * @param offloader where the delegated tasks of engines that are not
 *     {@link dev.offloadjsse.OffloadSSLEngine}s run (those use their own offloader); the caller
 *     keeps it and closes it. {@code null} makes the transport create, own and close a pool sized
 *     to the cores
 * @param engineSetup applied to every new engine after its client/server mode is set, for
 *     protocols, cipher suites, endpoint identification and the like
 * @param handshakeTimeout a connection whose handshake has not completed this long after it
 *     started is closed by the transport's own timer (the engine's own timeout frees the engine's
 *     state but cannot wake a connection that waits for the peer, nor one parked on a step that
 *     hangs); default 10 s, as {@code OffloadLimits}
 * @param maxHandshakes connections a server lets handshake at once; a connection accepted beyond
 *     it is closed at once (TCP close, counted in {@link TransportStats#connectionsRefused()}), so
 *     that a flood of new connections costs no more than this many handshake buffers; default 1024
 * @param maxPendingWriteBytes plaintext a connection may hold queued for the peer before the
 *     transport stops reading from that peer (until the queue drains below it): a peer that sends
 *     but never reads cannot make an answering handler grow memory without bound; default 1 MiB
 */
public record TransportConfig(HandshakeOffloader offloader, Consumer<SSLEngine> engineSetup, Duration handshakeTimeout,
        int maxHandshakes, int maxPendingWriteBytes) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_HANDSHAKES = 1024;
    public static final int DEFAULT_MAX_PENDING_WRITE_BYTES = 1 << 20;

    public TransportConfig {
        Objects.requireNonNull(engineSetup, "engineSetup");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout must be positive: " + handshakeTimeout);
        }
        if (maxHandshakes < 1 || maxPendingWriteBytes < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxHandshakes + " handshakes, "
                    + maxPendingWriteBytes + " pending write bytes");
        }
    }

    public TransportConfig(HandshakeOffloader offloader, Consumer<SSLEngine> engineSetup) {
        this(offloader, engineSetup, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_MAX_HANDSHAKES, DEFAULT_MAX_PENDING_WRITE_BYTES);
    }

    public static TransportConfig defaults() {
        return new TransportConfig(null, engine -> { });
    }

    public TransportConfig withOffloader(HandshakeOffloader newOffloader) {
        return new TransportConfig(Objects.requireNonNull(newOffloader, "offloader"), engineSetup, handshakeTimeout,
                maxHandshakes, maxPendingWriteBytes);
    }

    public TransportConfig withEngineSetup(Consumer<SSLEngine> newEngineSetup) {
        return new TransportConfig(offloader, newEngineSetup, handshakeTimeout, maxHandshakes, maxPendingWriteBytes);
    }

    public TransportConfig withHandshakeTimeout(Duration newTimeout) {
        return new TransportConfig(offloader, engineSetup, newTimeout, maxHandshakes, maxPendingWriteBytes);
    }

    public TransportConfig withMaxHandshakes(int newMaxHandshakes) {
        return new TransportConfig(offloader, engineSetup, handshakeTimeout, newMaxHandshakes, maxPendingWriteBytes);
    }

    public TransportConfig withMaxPendingWriteBytes(int newMaxPendingWriteBytes) {
        return new TransportConfig(offloader, engineSetup, handshakeTimeout, maxHandshakes, newMaxPendingWriteBytes);
    }
}
