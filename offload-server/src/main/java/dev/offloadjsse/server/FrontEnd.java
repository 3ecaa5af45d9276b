package dev.offloadjsse.server;

import dev.offloadjsse.remote.RemoteOffload;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A minimal keyless HTTPS front end, to try a handshake server with curl:
 * {@code java -Doffloadjsse.remote.keyStore=... -cp offload-server.jar dev.offloadjsse.server.FrontEnd PORT TARGET}.
 * Its {@code SSLContext} is initialised with no key managers: every server handshake runs on
 * the handshake servers at TARGET. The channel keys come from the {@code offloadjsse.remote.*}
 * system properties ({@link RemoteOffload}).
 */
public final class FrontEnd {

    private FrontEnd() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("Usage: java -Doffloadjsse.remote.keyStore=FILE -Doffloadjsse.remote.keyStorePassword=PW"
                    + " -Doffloadjsse.remote.trustStore=FILE -cp offload-server.jar dev.offloadjsse.server.FrontEnd PORT HOST:PORT[,HOST:PORT]");
            System.exit(2);
        }
        SSLContext context = SSLContext.getInstance("TLS", RemoteOffload.provider(args[1]));
        context.init(null, null, null);
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(Integer.parseInt(args[0]), 128, InetAddress.getLoopbackAddress());
        System.out.println("keyless HTTPS front end on https://localhost:" + listener.getLocalPort() + "/, handshakes on " + args[1]);
        ExecutorService connections = Executors.newCachedThreadPool();
        while (true) {
            Socket socket = listener.accept();
            connections.execute(() -> serve((SSLSocket) socket));
        }
    }

    private static void serve(SSLSocket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                // Request head: read and ignore.
            }
            String body = "{\"protocol\":\"" + socket.getSession().getProtocol() + "\",\"cipherSuite\":\""
                    + socket.getSession().getCipherSuite() + "\",\"offload\":\"remote\"}\n";
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (Exception e) {
            System.err.println("connection failed: " + e);
        }
    }
}
