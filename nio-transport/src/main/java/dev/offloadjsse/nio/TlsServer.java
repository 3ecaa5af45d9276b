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
            serverChannel.bind(bindAddress);
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

    private void registerAcceptor() {
        try {
            transport.loop().register(serverChannel, SelectionKey.OP_ACCEPT, new Acceptor());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register the server socket " + localAddress, e);
        }
    }

    private void acceptAll() throws IOException {
        SocketChannel channel;
        while ((channel = serverChannel.accept()) != null) {
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

    private final class Acceptor implements EventLoop.Registrant {
        @Override
        public void onReady(int readyOps) {
            try {
                acceptAll();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accept on " + localAddress + " failed", e);
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
