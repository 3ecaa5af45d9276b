package dev.offloadjsse.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Outgoing TLS connections on one selector thread, driven exactly as {@link TlsServer} drives
 * accepted ones.
 */
public final class TlsClient implements AutoCloseable {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final SSLContext context;
    private final Transport transport;

    private TlsClient(SSLContext context, TransportConfig config) {
        this.context = Objects.requireNonNull(context, "context");
        this.transport = new Transport("tls-client-" + CLIENTS.incrementAndGet(), config);
    }

    public static TlsClient open(SSLContext context, TransportConfig config) {
        return new TlsClient(context, config);
    }

    /**
     * Connects and handshakes with a client-mode engine for {@code peerHost} (SNI, and the name
     * that endpoint identification checks when the engine setup enables it).
     *
     * @return completes with the connection once the handshake has, or fails with why not
     *     ({@link ClosedChannelException} after {@link #close()})
     */
    public CompletableFuture<TlsConnection> connect(InetSocketAddress address, String peerHost,
            ConnectionHandler handler) {
        CompletableFuture<TlsConnection> opened = new CompletableFuture<>();
        boolean queued = transport.loop().execute(() -> {
            try {
                SocketChannel channel = SocketChannel.open();
                try {
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.connect(address);
                    SSLEngine engine = context.createSSLEngine(peerHost, address.getPort());
                    engine.setUseClientMode(true);
                    TlsConnection.start(transport, channel, transport.setUp(engine), handler).opened()
                            .whenComplete((connection, failure) -> complete(opened, connection, failure));
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                opened.completeExceptionally(e);
            }
        });
        if (!queued) {
            opened.completeExceptionally(new ClosedChannelException());
        }
        return opened;
    }

    public TransportStats stats() {
        return transport.counters().snapshot();
    }

    /** Closes every connection (sending close_notify where it can) and joins the loop. */
    @Override
    public void close() {
        transport.close();
    }

    private static void complete(CompletableFuture<TlsConnection> opened, TlsConnection connection, Throwable failure) {
        if (failure != null) {
            opened.completeExceptionally(failure);
        } else {
            opened.complete(connection);
        }
    }
}
