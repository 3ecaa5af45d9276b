package dev.offloadjsse.socket;

import static dev.offloadjsse.socket.SocketPeers.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.socket.SocketPeers.OneShotServer;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One SSLSocket behaviour per test, with the provider under test in the role under test and a
 * SunJSSE peer. Each test runs with SunJSSE in the role under test too: that run is the oracle
 * that the assertion states JSSE's behaviour.
 */
class SocketBehaviourTest {

    private static final int TIMEOUT_MILLIS = SocketPeers.TIMEOUT_SECONDS * 1000;

    private static OneShotServer sunServer(SocketPeers.Handler handler) throws Exception {
        return new OneShotServer(SocketPeers.serverContext(SocketPeers.SUN), handler);
    }

    private static SSLSocket connect(String underTest, int port) throws Exception {
        SSLSocketFactory factory = SocketPeers.clientContext(provider(underTest)).getSocketFactory();
        SSLSocket socket = (SSLSocket) factory.createSocket("localhost", port);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    /** The peer's {@link #echoOneByte} answers {@code value}. */
    private static void assertEchoes(SSLSocket client, int value) throws Exception {
        client.getOutputStream().write(value);
        assertThat(client.getInputStream().read()).isEqualTo(value);
    }

    private static void echoOneByte(SSLSocket socket) throws Exception {
        int b = socket.getInputStream().read();
        socket.getOutputStream().write(b);
    }

    /** DESIGN.md: the socket's handshake runs through the same offloader as the engine's; its counters say so. */
    @org.junit.jupiter.api.Test
    void handshakeStepsRunOnTheContextsOffloader() throws Exception {
        HandshakeOffloader offloader = ((OffloadJsseProvider) SocketPeers.OFFLOAD).config().offloader();
        long before = offloader.stats().completed();
        try (OneShotServer server = sunServer(SocketBehaviourTest::echoOneByte);
                SSLSocket client = connect("OffloadJSSE", server.port())) {
            client.startHandshake();
            assertThat(offloader.stats().completed()).isGreaterThan(before);
            assertEchoes(client, 1);
            server.await();
        }
    }

    /** HandshakeCompletedListener javadoc: notified when a handshake completes; one handshake, one call. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void handshakeCompletedListenerIsCalledOnce(String underTest) throws Exception {
        try (OneShotServer server = sunServer(SocketBehaviourTest::echoOneByte);
                SSLSocket client = connect(underTest, server.port())) {
            List<HandshakeCompletedEvent> events = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> called = new CompletableFuture<>();
            client.addHandshakeCompletedListener(event -> {
                events.add(event);
                called.complete(null);
            });
            client.startHandshake();
            assertEchoes(client, 7);
            called.get(SocketPeers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Thread.sleep(200);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getSocket()).isSameAs(client);
            assertThat(events.get(0).getSession()).isSameAs(client.getSession());
            assertThat(events.get(0).getCipherSuite()).isEqualTo(client.getSession().getCipherSuite());
            server.await();
        }
    }

    /** Socket.setSoTimeout javadoc: the read raises SocketTimeoutException and the socket remains valid. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void readTimeoutLeavesTheSocketUsable(String underTest) throws Exception {
        CompletableFuture<Void> timedOut = new CompletableFuture<>();
        try (OneShotServer server = sunServer(socket -> {
            socket.getInputStream().read();
            timedOut.get(SocketPeers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            socket.getOutputStream().write(new byte[] {1, 2, 3});
            echoOneByte(socket);
        }); SSLSocket client = connect(underTest, server.port())) {
            client.getOutputStream().write(0);
            client.setSoTimeout(300);
            InputStream in = client.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            timedOut.complete(null);
            client.setSoTimeout(TIMEOUT_MILLIS);
            assertThat(SocketPeers.readFully(in, 3)).containsExactly(1, 2, 3);
            client.getOutputStream().write(9);
            assertThat(in.read()).isEqualTo(9);
            server.await();
        }
    }

    /**
     * RFC 8446 §6.1: after close_notify one side may go on writing; the other reads to the end,
     * then answers. The client is layered without autoClose so that no TCP FIN follows: only the
     * close_notify can end the server's stream.
     */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void shutdownOutputHalfClosesTls13(String underTest) throws Exception {
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        byte[] pong = "pong".getBytes(StandardCharsets.US_ASCII);
        SSLSocketFactory factory = SocketPeers.clientContext(provider(underTest)).getSocketFactory();
        try (OneShotServer server = sunServer(socket -> {
            InputStream in = socket.getInputStream();
            assertThat(SocketPeers.readFully(in, ping.length)).isEqualTo(ping);
            assertThat(in.read()).as("server sees the client's close_notify as the end").isEqualTo(-1);
            socket.getOutputStream().write(pong);
        }); Socket plain = new Socket("127.0.0.1", server.port());
                SSLSocket client = (SSLSocket) factory.createSocket(plain, "localhost", server.port(), false)) {
            plain.setSoTimeout(TIMEOUT_MILLIS);
            client.setEnabledProtocols(new String[] {"TLSv1.3"});
            client.getOutputStream().write(ping);
            client.shutdownOutput();
            assertThat(client.isOutputShutdown()).isTrue();
            InputStream in = client.getInputStream();
            assertThat(SocketPeers.readFully(in, pong.length)).isEqualTo(pong);
            assertThat(in.read()).isEqualTo(-1);
            server.await();
        }
    }

    /** SSLSocket.getSession javadoc: starts the initial handshake if need be and blocks until it is done. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void getSessionRunsTheHandshake(String underTest) throws Exception {
        try (OneShotServer server = sunServer(socket -> socket.getInputStream().read());
                SSLSocket client = connect(underTest, server.port())) {
            assertThat(client.getSession().isValid()).isTrue();
            assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(SocketPeers.EC.certificate());
            assertThat(client.getHandshakeSession()).as("no handshake in progress").isNull();
        }
    }

    /** X509TrustManager rejects the chain: startHandshake throws SSLHandshakeException and the peer gets an alert. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void untrustedServerFailsStartHandshake(String underTest) throws Exception {
        SSLContext trustsOther = TestCertificates.context(provider(underTest), null, TestCertificates.identity(KeyType.RSA_2048));
        try (OneShotServer server = sunServer(socket -> socket.startHandshake());
                SSLSocket client = (SSLSocket) trustsOther.getSocketFactory().createSocket("localhost", server.port())) {
            client.setSoTimeout(TIMEOUT_MILLIS);
            assertThatThrownBy(client::startHandshake).isInstanceOf(SSLHandshakeException.class);
            // Usually the alert (SSLException); SunJSSE as the client sometimes closes before the server's
            // flight is written, and the server sees a broken pipe: both are the handshake failing.
            assertThatThrownBy(server::await).as("the server's handshake fails too").isInstanceOf(java.io.IOException.class);
        }
    }

    /** SSLSocket.getSession javadoc: if the handshake fails, an invalid session with cipher suite SSL_NULL_WITH_NULL_NULL. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void getSessionAfterAFailedHandshakeIsTheInvalidNullSession(String underTest) throws Exception {
        SSLContext trustsOther = TestCertificates.context(provider(underTest), null, TestCertificates.identity(KeyType.RSA_2048));
        try (OneShotServer server = sunServer(socket -> socket.startHandshake());
                SSLSocket client = (SSLSocket) trustsOther.getSocketFactory().createSocket("localhost", server.port())) {
            client.setSoTimeout(TIMEOUT_MILLIS);
            SSLSession session = client.getSession();
            assertThat(session.isValid()).isFalse();
            assertThat(session.getCipherSuite()).isEqualTo("SSL_NULL_WITH_NULL_NULL");
        }
    }

    /** A read timeout during the handshake is not a failure: the same startHandshake later completes it. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void handshakeTimeoutLeavesTheHandshakeResumable(String underTest) throws Exception {
        CompletableFuture<Void> timedOut = new CompletableFuture<>();
        try (OneShotServer server = sunServer(socket -> {
            timedOut.get(SocketPeers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            echoOneByte(socket);
        }); SSLSocket client = connect(underTest, server.port())) {
            client.setSoTimeout(300);
            assertThatThrownBy(client::startHandshake).isInstanceOf(SocketTimeoutException.class);
            timedOut.complete(null);
            client.setSoTimeout(TIMEOUT_MILLIS);
            client.startHandshake();
            assertEchoes(client, 8);
            server.await();
        }
    }

    /**
     * Socket.close javadoc: a thread blocked in I/O on the socket is released with a
     * SocketException. SunJSSE, the oracle, sometimes ends such a read with -1 instead (seen in
     * this test), so either ending is accepted: what must not happen is a read that stays blocked.
     */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void closeFromAnotherThreadReleasesABlockedRead(String underTest) throws Exception {
        CompletableFuture<Void> clientDone = new CompletableFuture<>();
        try (OneShotServer server = sunServer(socket -> {
            socket.startHandshake();
            clientDone.get(SocketPeers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }); SSLSocket client = connect(underTest, server.port())) {
            client.startHandshake();
            CompletableFuture<Object> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.getInputStream().read();
                } catch (Throwable e) {
                    return e;
                }
            });
            Thread.sleep(200);
            client.close();
            Object ending = reader.get(SocketPeers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(ending).satisfiesAnyOf(e -> assertThat(e).isInstanceOf(java.net.SocketException.class),
                    e -> assertThat(e).isEqualTo(-1));
            assertThat(client.isClosed()).isTrue();
            clientDone.complete(null);
            server.await();
        }
    }

    /** SSLSocketFactory.createSocket(Socket, host, port, autoClose): TLS over a connected socket; close closes it only with autoClose. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void layeredSocketClosesItsTransportOnlyWithAutoClose(String underTest) throws Exception {
        SSLSocketFactory factory = SocketPeers.clientContext(provider(underTest)).getSocketFactory();
        for (boolean autoClose : new boolean[] {true, false}) {
            try (OneShotServer server = sunServer(SocketBehaviourTest::echoOneByte);
                    Socket plain = new Socket("127.0.0.1", server.port())) {
                plain.setSoTimeout(TIMEOUT_MILLIS);
                SSLSocket client = (SSLSocket) factory.createSocket(plain, "localhost", server.port(), autoClose);
                assertEchoes(client, 5);
                assertThat(client.getSession().getPeerHost()).isEqualTo("localhost");
                client.close();
                assertThat(client.isClosed()).isTrue();
                assertThat(plain.isClosed()).as("transport closed with autoClose=" + autoClose).isEqualTo(autoClose);
                server.await();
            }
        }
    }

    /**
     * SSLSocketFactory.createSocket(Socket, InputStream, boolean): a server-mode socket over a
     * connection whose first bytes the server read itself (to sniff the ClientHello, say).
     */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void serverSideLayeredSocketStartsWithTheConsumedBytes(String underTest) throws Exception {
        SSLSocketFactory serverFactory = SocketPeers.serverContext(provider(underTest)).getSocketFactory();
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket plain = listener.accept()) {
                    plain.setSoTimeout(TIMEOUT_MILLIS);
                    byte[] header = SocketPeers.readFully(plain.getInputStream(), 5);
                    assertThat(header[0]).as("a handshake record").isEqualTo((byte) 22);
                    try (SSLSocket server = (SSLSocket) serverFactory.createSocket(plain, new ByteArrayInputStream(header), true)) {
                        assertThat(server.getUseClientMode()).isFalse();
                        echoOneByte(server);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SSLSocketFactory clientFactory = SocketPeers.clientContext(SocketPeers.SUN).getSocketFactory();
            try (SSLSocket client = (SSLSocket) clientFactory.createSocket("localhost", listener.getLocalPort())) {
                client.setSoTimeout(TIMEOUT_MILLIS);
                assertEchoes(client, 6);
            }
            served.get(SocketPeers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** SSLSocketFactory.createSocket(): settings made before connect() apply to the connection. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void unconnectedSocketKeepsSettingsMadeBeforeConnect(String underTest) throws Exception {
        SSLSocketFactory factory = SocketPeers.clientContext(provider(underTest)).getSocketFactory();
        try (OneShotServer server = sunServer(SocketBehaviourTest::echoOneByte);
                SSLSocket client = (SSLSocket) factory.createSocket()) {
            assertThat(client.isConnected()).isFalse();
            client.setEnabledProtocols(new String[] {"TLSv1.2"});
            client.setSoTimeout(TIMEOUT_MILLIS);
            client.connect(new InetSocketAddress("localhost", server.port()), TIMEOUT_MILLIS);
            assertThat(client.isConnected()).isTrue();
            assertEchoes(client, 3);
            assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(client.getSession().getPeerHost()).isEqualTo("localhost");
            server.await();
        }
    }

    /** SSLSocket.getApplicationProtocol javadoc: null before the handshake, the ALPN choice after it. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void applicationProtocolIsTheServersAlpnChoice(String underTest) throws Exception {
        try (OneShotServer server = new OneShotServer(SocketPeers.serverContext(SocketPeers.SUN), listener -> {
            SSLParameters parameters = listener.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            listener.setSSLParameters(parameters);
        }, SocketBehaviourTest::echoOneByte); SSLSocket client = connect(underTest, server.port())) {
            SSLParameters parameters = client.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            client.setSSLParameters(parameters);
            assertThat(client.getApplicationProtocol()).isNull();
            client.startHandshake();
            assertThat(client.getApplicationProtocol()).isEqualTo("http/1.1");
            assertEchoes(client, 1);
            server.await();
        }
    }

    /** SSLSocket.setHandshakeApplicationProtocolSelector: the server's selector is called with that socket and the offer, and its choice is used. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void serverSocketsAlpnSelectorChoosesTheProtocol(String underTest) throws Exception {
        CompletableFuture<Object> selectorSocket = new CompletableFuture<>();
        try (OneShotServer server = new OneShotServer(SocketPeers.serverContext(provider(underTest)), socket -> {
            socket.setHandshakeApplicationProtocolSelector((self, offered) -> {
                selectorSocket.complete(self == socket ? "this socket" : self);
                return offered.contains("h2") ? "h2" : null;
            });
            echoOneByte(socket);
            assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
        })) {
            SSLSocket client = (SSLSocket) SocketPeers.clientContext(SocketPeers.SUN).getSocketFactory()
                    .createSocket("localhost", server.port());
            try (client) {
                client.setSoTimeout(TIMEOUT_MILLIS);
                SSLParameters parameters = client.getSSLParameters();
                parameters.setApplicationProtocols(new String[] {"http/1.1", "h2"});
                client.setSSLParameters(parameters);
                assertEchoes(client, 2);
                assertThat(client.getApplicationProtocol()).isEqualTo("h2");
            }
            server.await();
            assertThat(selectorSocket.get()).isEqualTo("this socket");
        }
    }

    /** SSLServerSocket.setNeedClientAuth: accepted sockets require, and then know, the client's certificate. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void serverSocketNeedClientAuthSeesTheClientCertificate(String underTest) throws Exception {
        CompletableFuture<Object> peer = new CompletableFuture<>();
        try (OneShotServer server = new OneShotServer(SocketPeers.serverContext(provider(underTest)),
                listener -> listener.setNeedClientAuth(true), socket -> {
                    assertThat(socket.getNeedClientAuth()).isTrue();
                    assertThat(socket.getUseClientMode()).isFalse();
                    peer.complete(socket.getSession().getPeerCertificates()[0]);
                    echoOneByte(socket);
                })) {
            SSLContext withKey = TestCertificates.context(SocketPeers.SUN, SocketPeers.EC, SocketPeers.EC);
            try (SSLSocket client = (SSLSocket) withKey.getSocketFactory().createSocket("localhost", server.port())) {
                client.setSoTimeout(TIMEOUT_MILLIS);
                assertEchoes(client, 4);
            }
            server.await();
            assertThat(peer.get()).isEqualTo(SocketPeers.EC.certificate());
        }
    }
}
