package dev.offloadjsse.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;

/** Peers below TLS: a real ClientHello and nothing after it, garbage, and the file descriptor count. */
final class RawPeers {

    private RawPeers() {
    }

    /** The first flight of a SunJSSE client for localhost: one ClientHello record. */
    static byte[] clientHello() throws IOException {
        SSLEngine engine = TestTls.clientContext().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Bytes that are no TLS record: a content type of 0x17 + 0x30 and random rest. */
    static byte[] garbage(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(600)];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0x47; // 'G', as in a plain-HTTP "GET" sent to a TLS port
        return bytes;
    }

    /** A blocking socket that has sent {@code bytes}; reads time out after {@code readTimeoutMillis}. */
    static Socket send(InetSocketAddress address, byte[] bytes, int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, 10_000);
            socket.setSoTimeout(readTimeoutMillis);
            socket.getOutputStream().write(bytes);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Reads until the peer closes (end of stream or a reset).
     *
     * @return whether the peer closed before the socket's read timeout
     */
    static boolean closedByPeer(Socket socket) {
        byte[] sink = new byte[4096];
        try {
            while (socket.getInputStream().read(sink) >= 0) {
                // the server's flight or its alert
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: a TCP close as well
        }
    }

    /** Open file descriptors of this JVM (Linux). */
    static int openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        }
    }
}
