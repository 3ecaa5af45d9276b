package dev.offloadjsse.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A TLS server on one selector thread: accepts connections, gives each a server-mode engine from
 * the context and a handler from the factory, and offloads the handshake steps.
 */
public final class TlsServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TlsServer.class.getName());
    private static final int ACCEPTS_PER_ROUND = 64;
    /**
     * Connections the kernel may hold for accept; the JDK's default of 50 makes a burst of
     * connects wait for SYN retries (1 s, 3 s) before the server can even refuse them. The kernel
     * caps it at {@code net.core.somaxconn}.
     */
    private static final int BACKLOG = 1024;

    private final SSLContext context;
    private final Supplier<? extends ConnectionHandler> handlers;
    private final ServerSocketChannel serverChannel;
    private final Transport transport;
    private final InetSocketAddress localAddress;

    private TlsServer(SSLContext context, InetSocketAddress bindAddress, Supplier<? extends ConnectionHandler> handlers,
            TransportConfig config) throws IOException {
        this.context = Objects.requireNonNull(context, "context");
        this.handlers = Objects.requireNonNull(handlers, "handlers");
        this.serverChannel = ServerSocketChannel.open();
        try {
            serverChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            serverChannel.bind(bindAddress, BACKLOG);
            serverChannel.configureBlocking(false);
            this.localAddress = (InetSocketAddress) serverChannel.getLocalAddress();
        } catch (IOException e) {
            serverChannel.close();
            throw e;
        }
        this.transport = new Transport("tls-server-" + localAddress.getPort(), config);
        transport.loop().execute(this::registerAcceptor);
    }

    /**
     * Binds to {@code bindAddress} and starts serving.
     *
     * @param handlers called on the loop for every accepted connection
     */
    public static TlsServer start(SSLContext context, InetSocketAddress bindAddress,
            Supplier<? extends ConnectionHandler> handlers, TransportConfig config) throws IOException {
        return new TlsServer(context, bindAddress, handlers, config);
    }

    /** {@code 127.0.0.1:port}: the default, so that nothing listens beyond this host by accident. */
    public static InetSocketAddress loopback(int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public TransportStats stats() {
        return transport.counters().snapshot();
    }

    /** Stops accepting, closes every connection (sending close_notify where it can) and joins the loop. */
    @Override
    public void close() {
        transport.close();
    }

    private static final long ACCEPT_FAILURE_REPORT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private long acceptFailures;
    private long lastAcceptFailureReport;

    private void registerAcceptor() {
        try {
            transport.loop().register(serverChannel, SelectionKey.OP_ACCEPT, new Acceptor());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register the server socket " + localAddress, e);
        }
    }

    /**
     * Accepts at most {@link #ACCEPTS_PER_ROUND} connections: the server socket stays ready, so the
     * rest come in the next round, after the loop has served the connections that are ready now.
     * Without this bound a flood of new connections would starve the established ones.
     */
    private void acceptSome() throws IOException {
        SocketChannel channel;
        for (int i = 0; i < ACCEPTS_PER_ROUND && (channel = serverChannel.accept()) != null; i++) {
            if (transport.counters().handshakesInFlight() >= transport.config().maxHandshakes()) {
                refuse(channel);
                continue;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SSLEngine engine = context.createSSLEngine();
                engine.setUseClientMode(false);
                TlsConnection.start(transport, channel, transport.setUp(engine), handlers.get());
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot take a connection from " + channel.getRemoteAddress(), e);
                channel.close();
            }
        }
    }

    /** Too many handshakes in flight: close before spending an engine or buffers on it. */
    private void refuse(SocketChannel channel) {
        transport.counters().connectionRefused();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a refused connection failed", e);
        }
    }

    /**
     * An accept that fails (no file descriptors left, say) stays ready and fails again at once:
     * report it once per {@link #ACCEPT_FAILURE_REPORT_NANOS} with a count, not once per attempt.
     */
    private void reportAcceptFailure(IOException e) {
        acceptFailures++;
        long now = System.nanoTime();
        if (now - lastAcceptFailureReport >= ACCEPT_FAILURE_REPORT_NANOS || acceptFailures == 1) {
            LOG.log(System.Logger.Level.WARNING, "accept on " + localAddress + " failed " + acceptFailures
                    + " times so far: " + e);
            lastAcceptFailureReport = now;
        }
    }

    private final class Acceptor implements EventLoop.Registrant {
        @Override
        public void onReady(int readyOps) {
            try {
                acceptSome();
            } catch (IOException e) {
                reportAcceptFailure(e);
            }
        }

        @Override
        public void onShutdown() {
            try {
                serverChannel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the server socket " + localAddress + " failed", e);
            }
        }
    }
}
