package dev.offloadjsse.conformance;

import dev.offloadjsse.OffloadJsseProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS server of our provider as an application gets it ({@code SSLContext.getInstance("TLS",
 * new OffloadJsseProvider())}, its default protocols and suites) on 127.0.0.1 and a free port:
 * every connection gets {@link #PAGE} for whatever request it sends, then close_notify. For
 * scanners and browsers, which open many connections, some of them failing on purpose.
 */
final class FixedResponseServer implements AutoCloseable {

    static final String PAGE_TEXT = "Offload JSSE served this page";
    static final String PAGE = "<!DOCTYPE html><html><head><title>Offload JSSE</title></head><body><p id=\"text\">"
            + PAGE_TEXT + "</p></body></html>";
    private static final int TIMEOUT_MILLIS = 10_000;

    private final SSLServerSocket listener;
    private final ExecutorService connections = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task, "fixed-response-connection");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger served = new AtomicInteger();

    FixedResponseServer(TestPki pki, CertificateType certificate) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", new OffloadJsseProvider());
        context.init(pki.initialised(javax.net.ssl.KeyManagerFactory.getInstance("PKIX"), certificate).getKeyManagers(),
                null, null);
        listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        Thread acceptor = new Thread(this::acceptLoop, "fixed-response-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many requests got the page. */
    int served() {
        return served.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) listener.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                // closed, or one accept failed: the loop goes on until close()
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            readHead(socket.getInputStream());
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            served.incrementAndGet();
        } catch (IOException e) {
            // scanners probe with handshakes meant to fail, and hang up: nothing to serve
        }
    }

    /** Reads a request head up to its blank line. */
    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new SocketException("the client ended the stream before a request");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            if (head.size() > 65536) {
                throw new SocketException("request head too long");
            }
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        connections.shutdownNow();
        connections.awaitTermination(5, TimeUnit.SECONDS);
    }
}
