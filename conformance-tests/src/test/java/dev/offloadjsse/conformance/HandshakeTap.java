package dev.offloadjsse.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * A TCP relay on 127.0.0.1 between a client and a server that keeps the first bytes the server
 * sends, for evidence that a peer without a trace of its own sent a HelloRetryRequest: a
 * ServerHello whose random is the fixed value of RFC 8446 §4.1.3 (SHA-256 of "HelloRetryRequest").
 * Only the plaintext start of the connection is kept; everything is forwarded unchanged.
 */
final class HandshakeTap implements AutoCloseable {

    private static final byte[] HELLO_RETRY_RANDOM = hex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    private static final int KEPT = 4096;

    private final ServerSocket listener;
    private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();

    /** Relays one connection to {@code 127.0.0.1:serverPort}. */
    HandshakeTap(int serverPort) throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        Thread acceptor = new Thread(() -> {
            try (Socket client = listener.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort)) {
                Thread up = pipe(client.getInputStream(), server.getOutputStream(), null, server);
                pipe(server.getInputStream(), client.getOutputStream(), fromServer, client).join();
                up.join();
            } catch (IOException | InterruptedException e) {
                // the cell's own checks report what went wrong with the connection
            }
        }, "handshake-tap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** True when the server's first bytes hold a HelloRetryRequest. */
    boolean sawHelloRetryRequest() {
        byte[] seen;
        synchronized (fromServer) {
            seen = fromServer.toByteArray();
        }
        for (int i = 0; i + HELLO_RETRY_RANDOM.length <= seen.length; i++) {
            if (Arrays.equals(seen, i, i + HELLO_RETRY_RANDOM.length, HELLO_RETRY_RANDOM, 0, HELLO_RETRY_RANDOM.length)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** Copies until the end of {@code from}, then ends the write side of {@code to}'s socket (half-close passes through). */
    private static Thread pipe(InputStream from, OutputStream to, ByteArrayOutputStream kept, Socket toSocket) {
        Thread thread = new Thread(() -> {
            byte[] chunk = new byte[16384];
            try {
                for (int count; (count = from.read(chunk)) >= 0; ) {
                    if (kept != null) {
                        synchronized (kept) {
                            kept.write(chunk, 0, Math.min(count, Math.max(0, KEPT - kept.size())));
                        }
                    }
                    to.write(chunk, 0, count);
                    to.flush();
                }
                toSocket.shutdownOutput();
            } catch (IOException e) {
                // one side closed abruptly: the other side sees it too
            }
        }, "handshake-tap-pipe");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static byte[] hex(String text) {
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
