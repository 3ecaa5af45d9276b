package dev.offloadjsse.nio;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A blocking TLS client over a plain socket that drives its own (SunJSSE) engine and splits every
 * TLS byte it sends into random small socket writes (TCP_NODELAY on, so loopback delivers them as
 * separate segments): the server sees records cut at every possible place, headers included.
 */
final class FragmentingClient implements AutoCloseable {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final Random random;
    private final int maxFragment;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private final ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
    private boolean peerClosed;

    private FragmentingClient(SocketChannel channel, SSLEngine engine, Random random, int maxFragment) {
        this.channel = channel;
        this.engine = engine;
        this.random = random;
        this.maxFragment = maxFragment;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(2 * packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /**
     * Connects and handshakes.
     *
     * @param maxFragment the largest socket write; each write takes 1 to this many bytes
     */
    static FragmentingClient connect(InetSocketAddress address, SSLContext context, Random random, int maxFragment)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(address);
            SSLEngine engine = context.createSSLEngine("localhost", address.getPort());
            engine.setUseClientMode(true);
            FragmentingClient client = new FragmentingClient(channel, engine, random, maxFragment);
            engine.beginHandshake();
            client.handshake();
            return client;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    String protocol() {
        return engine.getSession().getProtocol();
    }

    private void handshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrapAndSend(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> readRecord();
                case NEED_TASK -> runTasks();
                default -> {
                    return;
                }
            }
        }
    }

    /** Sends {@code data} as application records, every record in random fragments. */
    void write(byte[] data) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(data);
        while (source.hasRemaining()) {
            wrapAndSend(source);
        }
    }

    /** Reads until {@code count} more plaintext bytes have arrived, answering KeyUpdates on the way. */
    byte[] read(int count) throws IOException {
        while (plaintext.size() < count) {
            if (peerClosed) {
                throw new EOFException("close_notify after " + plaintext.size() + " of " + count + " bytes");
            }
            readRecord();
        }
        byte[] all = plaintext.toByteArray();
        plaintext.reset();
        plaintext.write(all, count, all.length - count);
        return Arrays.copyOf(all, count);
    }

    /** TLS 1.3: a KeyUpdate asking the server to update its keys too (SunJSSE's beginHandshake). */
    void updateKeys() throws IOException {
        engine.beginHandshake();
        do {
            wrapAndSend(EMPTY);
        } while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
    }

    /** Sends close_notify and waits for the server's, then closes the socket. */
    void closeCleanly() throws IOException {
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            wrapAndSend(EMPTY);
        }
        while (!peerClosed) {
            readRecord();
        }
        channel.close();
    }

    /** Closes the socket without close_notify: a FIN, or with {@code reset} a RST (SO_LINGER 0). */
    void closeAbruptly(boolean reset) throws IOException {
        if (reset) {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        channel.close();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void wrapAndSend(ByteBuffer source) throws IOException {
        netOut.clear();
        SSLEngineResult result = engine.wrap(source, netOut);
        if (result.getStatus() != SSLEngineResult.Status.OK && result.getStatus() != SSLEngineResult.Status.CLOSED) {
            throw new SSLException("unexpected wrap result " + result);
        }
        netOut.flip();
        while (netOut.hasRemaining()) {
            ByteBuffer fragment = netOut.slice();
            fragment.limit(Math.min(fragment.remaining(), 1 + random.nextInt(maxFragment)));
            int length = fragment.remaining();
            while (fragment.hasRemaining()) {
                channel.write(fragment);
            }
            netOut.position(netOut.position() + length);
        }
        if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            runTasks();
        }
    }

    /** Unwraps one record, reading from the socket as needed; its plaintext goes to the buffer. */
    private void readRecord() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    if (!netIn.hasRemaining()) {
                        netIn = ByteBuffer.allocate(netIn.capacity() * 2).put(netIn.flip());
                    }
                    if (channel.read(netIn) < 0) {
                        throw new EOFException("server closed the connection");
                    }
                    continue;
                }
                case BUFFER_OVERFLOW -> {
                    appIn = ByteBuffer.allocate(appIn.capacity() * 2).put(appIn.flip());
                    continue;
                }
                case CLOSED -> peerClosed = true;
                default -> {
                }
            }
            appIn.flip();
            plaintext.write(appIn.array(), appIn.position(), appIn.remaining());
            appIn.clear();
            afterUnwrap(result.getHandshakeStatus());
            return;
        }
    }

    /** A KeyUpdate with update_requested makes the engine want to answer with its own. */
    private void afterUnwrap(HandshakeStatus status) throws IOException {
        HandshakeStatus current = status;
        while (true) {
            if (current == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (current == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                wrapAndSend(EMPTY);
            } else {
                return;
            }
            current = engine.getHandshakeStatus();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
