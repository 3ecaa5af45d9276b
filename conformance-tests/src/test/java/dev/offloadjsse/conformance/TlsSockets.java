package dev.offloadjsse.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The application protocol of the matrix over {@code SSLSocket}s of any JSSE stack. The client
 * sends its payload; the server reads it through the marker, answers with an HTTP/1.1 response
 * whose body is its payload, and closes with close_notify; the client reads to the end of the
 * stream (or, against a server that never closes first, closes itself).
 */
final class TlsSockets {

    private static final int TIMEOUT_MILLIS = (int) ToolProcess.DEADLINE.toMillis();

    /** Who sends the first close_notify. */
    enum Closing {
        SERVER_FIRST,
        CLIENT_FIRST
    }

    private TlsSockets() {
    }

    /**
     * A server on 127.0.0.1 and a free port that serves the connections of {@code cell} one after
     * the other: one, or two in a resumption cell.
     */
    static final class OneShotServer implements AutoCloseable {
        private final SSLServerSocket listener;
        private final CompletableFuture<List<Negotiated>> served = new CompletableFuture<>();

        OneShotServer(JsseStack stack, SSLContext context, Cell cell) throws IOException {
            listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            listener.setSSLParameters(stack.configure(listener.getSSLParameters(), cell, Role.SERVER));
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            int connections = cell.check() == Check.RESUMPTION ? 2 : 1;
            Thread thread = new Thread(() -> {
                List<Negotiated> negotiated = new ArrayList<>();
                try {
                    while (negotiated.size() < connections) {
                        try (SSLSocket socket = (SSLSocket) listener.accept()) {
                            negotiated.add(serve(socket, cell, connections > 1 && negotiated.isEmpty()));
                        }
                    }
                    served.complete(negotiated);
                } catch (Throwable e) {
                    served.completeExceptionally(e);
                }
            }, "interop-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        /** What the last served connection negotiated; rethrows what went wrong on the server. */
        Negotiated result() throws Exception {
            List<Negotiated> all = results();
            return all.get(all.size() - 1);
        }

        /** What each connection negotiated, once all are served; rethrows what went wrong on the server. */
        List<Negotiated> results() throws Exception {
            try {
                return served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            } catch (TimeoutException e) {
                throw new AssertionError("the server did not finish the connection within " + TIMEOUT_MILLIS + " ms");
            }
        }

        /** What went wrong on the server side, for the report of a client that failed first. */
        Throwable failure() {
            try {
                return new AssertionError("the server side ended with " + result());
            } catch (Throwable e) {
                return e;
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private static Negotiated serve(SSLSocket socket, Cell cell, boolean mayCloseAtOnce) throws IOException {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.startHandshake();
        if (mayCloseAtOnce) {
            java.io.PushbackInputStream in = new java.io.PushbackInputStream(socket.getInputStream(), 1);
            int first = in.read();
            if (first < 0) {
                // a client that only establishes the session it resumes next (gnutls-cli --resume)
                return Negotiated.of(socket);
            }
            in.unread(first);
            return respond(socket, cell, Payload.readThroughMarker(in));
        }
        return respond(socket, cell, Payload.readThroughMarker(socket.getInputStream()));
    }

    private static Negotiated respond(SSLSocket socket, Cell cell, String request) throws IOException {
        cell.clientPayload().requireIn(request, "the server");
        OutputStream out = socket.getOutputStream();
        Payload response = cell.serverPayload();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + response.length()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(response.bytes());
        out.flush();
        return Negotiated.of(socket);
    }

    /**
     * Connects to {@code localhost:port}, sends the cell's client payload (in a KeyUpdate cell:
     * half before reading the response, half after), expects {@code response} back and closes.
     */
    static Negotiated request(JsseStack stack, SSLContext context, Cell cell, int port, Payload response,
            Closing closing) throws Exception {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true)) {
            socket.setSSLParameters(stack.configure(socket.getSSLParameters(), cell, Role.CLIENT));
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            Payload request = cell.clientPayload();
            int split = cell.check() == Check.KEY_UPDATE ? request.length() / 2 : request.length();
            CompletableFuture<Void> sent = writeInBackground(socket.getOutputStream(), request.head(split));
            response.requireIn(Payload.readThroughMarker(socket.getInputStream()), "the client");
            sent.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            socket.getOutputStream().write(request.tail(split));
            socket.getOutputStream().flush();
            Negotiated negotiated = Negotiated.of(socket);
            if (closing == Closing.SERVER_FIRST) {
                requireEndOfStream(socket.getInputStream());
            }
            return negotiated;
        }
    }

    /** Written on its own thread so that an echoing peer never waits for a reader that is writing. */
    private static CompletableFuture<Void> writeInBackground(OutputStream out, byte[] bytes) {
        return CompletableFuture.runAsync(() -> {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "interop-writer");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The server's close_notify ends the stream: read() returns -1 rather than throwing. */
    private static void requireEndOfStream(InputStream in) throws IOException {
        byte[] rest = new byte[16384];
        for (int count; (count = in.read(rest)) >= 0; ) {
            if (count > 0) {
                throw new AssertionError(count + " unexpected bytes after the response");
            }
        }
    }
}
