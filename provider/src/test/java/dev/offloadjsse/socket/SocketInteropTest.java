package dev.offloadjsse.socket;

import static dev.offloadjsse.socket.SocketPeers.provider;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.socket.SocketPeers.OneShotServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client and server sockets of each provider against each other over TCP: the handshake, 1 MiB
 * each way, and the end of the stream on close_notify. The SunJSSE ⇄ SunJSSE cell is the oracle.
 */
class SocketInteropTest {

    static final int MIB = 1 << 20;

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (String client : new String[] {"OffloadJSSE", "SunJSSE"}) {
            for (String server : new String[] {"OffloadJSSE", "SunJSSE"}) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    cells.add(Arguments.of(client, server, protocol));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "client {0}, server {1}, {2}")
    @MethodSource("cells")
    void handshakeOneMebibyteEachWayThenEndOfStream(String clientProvider, String serverProvider, String protocol)
            throws Exception {
        byte[] request = SocketPeers.random(MIB, 1);
        byte[] response = SocketPeers.random(MIB, 2);
        SSLContext serverContext = SocketPeers.serverContext(provider(serverProvider));
        try (OneShotServer server = new OneShotServer(serverContext, socket -> {
            InputStream in = socket.getInputStream();
            assertThat(SocketPeers.readFully(in, MIB)).isEqualTo(request);
            socket.getOutputStream().write(response);
            assertThat(in.read()).as("end of stream after the client's close_notify").isEqualTo(-1);
        })) {
            SSLContext clientContext = SocketPeers.clientContext(provider(clientProvider));
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket("localhost", server.port())) {
                client.setSoTimeout(SocketPeers.TIMEOUT_SECONDS * 1000);
                client.setEnabledProtocols(new String[] {protocol});
                OutputStream out = client.getOutputStream();
                out.write(request);
                assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
                assertThat(SocketPeers.readFully(client.getInputStream(), MIB)).isEqualTo(response);
            }
            server.await();
        }
    }

    /** A reader and a writer thread on the same socket at once, each way: the pump's locks must not serialise them into a deadlock. */
    @ParameterizedTest(name = "client {0}, server {1}, {2}")
    @MethodSource("cells")
    void fullDuplexEchoOfOneMebibyte(String clientProvider, String serverProvider, String protocol) throws Exception {
        byte[] data = SocketPeers.random(MIB, 3);
        try (OneShotServer server = new OneShotServer(SocketPeers.serverContext(provider(serverProvider)),
                socket -> socket.getInputStream().transferTo(socket.getOutputStream()))) {
            SSLContext clientContext = SocketPeers.clientContext(provider(clientProvider));
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket("localhost", server.port())) {
                client.setSoTimeout(SocketPeers.TIMEOUT_SECONDS * 1000);
                client.setEnabledProtocols(new String[] {protocol});
                CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                    try {
                        OutputStream out = client.getOutputStream();
                        for (int offset = 0; offset < MIB; offset += 5000) {
                            out.write(data, offset, Math.min(5000, MIB - offset));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                assertThat(SocketPeers.readFully(client.getInputStream(), MIB)).isEqualTo(data);
                written.get(SocketPeers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            server.await();
        }
    }

    @ParameterizedTest(name = "client {0}, server {1}, {2}")
    @MethodSource("cells")
    void serverCloseEndsTheClientsStream(String clientProvider, String serverProvider, String protocol) throws Exception {
        try (OneShotServer server = new OneShotServer(SocketPeers.serverContext(provider(serverProvider)), socket -> {
            socket.getOutputStream().write(new byte[] {42});
        })) {
            SSLContext clientContext = SocketPeers.clientContext(provider(clientProvider));
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket("localhost", server.port())) {
                client.setSoTimeout(SocketPeers.TIMEOUT_SECONDS * 1000);
                client.setEnabledProtocols(new String[] {protocol});
                InputStream in = client.getInputStream();
                assertThat(in.read()).isEqualTo(42);
                assertThat(in.read()).as("end of stream on close_notify").isEqualTo(-1);
                server.await();
            }
        }
    }
}
