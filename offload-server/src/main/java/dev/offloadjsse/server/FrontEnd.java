package dev.offloadjsse.server;

import dev.offloadjsse.remote.RemoteOffload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A minimal keyless HTTPS front end, to try a handshake server with curl:
 * {@code java -Doffloadjsse.remote.keyStore=... -cp offload-server.jar dev.offloadjsse.server.FrontEnd PORT TARGET}.
 * Its {@code SSLContext} is initialised with no key managers: every server handshake runs on
 * the handshake servers at TARGET, or, with {@code -Doffloadjsse.remote.granularity=private-key},
 * here with only the signature made there. The channel keys come from the
 * {@code offloadjsse.remote.*} system properties ({@link RemoteOffload}).
 */
public final class FrontEnd implements AutoCloseable {

    private final SSLServerSocket listener;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "front-end-connection");
        thread.setDaemon(true);
        return thread;
    });
    private final String offload;

    private FrontEnd(SSLServerSocket listener, String offload) {
        this.listener = listener;
        this.offload = offload;
    }

    /**
     * Serves on {@code port} (0: a free one) of the loopback address with {@code provider}'s
     * TLS, its context initialised with no key managers: the front end has no private key to use.
     */
    public static FrontEnd start(Provider provider, int port, String offload) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS", provider);
        context.init(null, null, null);
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(port, 128, InetAddress.getLoopbackAddress());
        FrontEnd frontEnd = new FrontEnd(listener, offload);
        Thread acceptor = new Thread(frontEnd::accept, "front-end-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return frontEnd;
    }

    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        connections.shutdownNow();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("Usage: java -Doffloadjsse.remote.keyStore=FILE -Doffloadjsse.remote.keyStorePassword=PW"
                    + " -Doffloadjsse.remote.trustStore=FILE [-Doffloadjsse.remote.granularity=handshake|private-key]"
                    + " -cp offload-server.jar dev.offloadjsse.server.FrontEnd PORT HOST:PORT[,HOST:PORT]");
            System.exit(2);
        }
        String granularity = System.getProperty("offloadjsse.remote.granularity", "handshake");
        FrontEnd frontEnd = start(RemoteOffload.provider(args[1]), Integer.parseInt(args[0]), "remote " + granularity);
        System.out.println("keyless HTTPS front end on https://localhost:" + frontEnd.port() + "/, "
                + granularity + " on " + args[1]);
        Thread.currentThread().join();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.execute(() -> serve((SSLSocket) socket));
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                System.err.println("accept failed: " + e);
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                // Request head: read and ignore.
            }
            String body = "{\"protocol\":\"" + socket.getSession().getProtocol() + "\",\"cipherSuite\":\""
                    + socket.getSession().getCipherSuite() + "\",\"offload\":\"" + offload + "\",\"servedBy\":\""
                    + socket.getSession().getValue("offloadjsse.servedBy") + "\"}\n";
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (Exception e) {
            System.err.println("connection failed: " + e);
        }
    }
}
