package dev.offloadjsse.nio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport with SunJSSE engines on both sides (the oracle for engine behaviour). */
class TlsServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Closer toClose = new Closer();

    @AfterEach
    void closeAll() throws Exception {
        toClose.close();
    }

    @Test
    void echoesARoundTrip() throws Exception {
        TlsServer server = echoServer(TransportConfig.defaults());
        CollectingHandler received = new CollectingHandler();
        TlsConnection connection = connect(client(), server, received);

        connection.write(ByteBuffer.wrap("hello".getBytes(UTF_8)));

        assertThat(new String(received.await(5, TIMEOUT), UTF_8)).isEqualTo("hello");
        assertThat(connection.session().getProtocol()).startsWith("TLSv1.");
        assertThat(server.stats().handshakesCompleted()).isEqualTo(1);
        TransportStats stats = server.stats();
        assertThat(stats.handshakeSteps()).isPositive();
        assertThat(stats.stepNanosMax()).isPositive().isLessThanOrEqualTo(stats.stepNanosTotal());
    }

    @Test
    void servesManyConcurrentConnections() throws Exception {
        TlsServer server = echoServer(TransportConfig.defaults());
        TlsClient client = client();
        int count = 100;
        List<CollectingHandler> handlers = new ArrayList<>();
        List<CompletableFuture<TlsConnection>> connecting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CollectingHandler handler = new CollectingHandler();
            handlers.add(handler);
            connecting.add(client.connect(server.localAddress(), "localhost", handler));
        }
        for (int i = 0; i < count; i++) {
            connecting.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .write(ByteBuffer.wrap(("message " + i).getBytes(UTF_8)));
        }

        for (int i = 0; i < count; i++) {
            String expected = "message " + i;
            assertThat(new String(handlers.get(i).await(expected.length(), TIMEOUT), UTF_8)).isEqualTo(expected);
        }
        assertThat(server.stats().handshakesCompleted()).isEqualTo(count);
        assertThat(server.stats().connectionsOpen()).isEqualTo(count);
    }

    @Test
    void transfersOneMebibyteBothWays() throws Exception {
        TlsServer server = echoServer(TransportConfig.defaults());
        CollectingHandler received = new CollectingHandler();
        TlsConnection connection = connect(client(), server, received);
        byte[] data = new byte[1 << 20];
        new Random(42).nextBytes(data);

        connection.write(ByteBuffer.wrap(data));

        assertThat(received.await(data.length, TIMEOUT)).isEqualTo(data);
    }

    @Test
    void servesEstablishedConnectionsWhileAHandshakeStepIsParked() throws Exception {
        GatedOffloader gated = new GatedOffloader();
        toClose.add(gated);
        TlsServer server = echoServer(TransportConfig.defaults().withOffloader(gated));
        TlsClient client = client();
        CollectingHandler established = new CollectingHandler();
        TlsConnection first = connect(client, server, established);

        gated.hold();
        CompletableFuture<TlsConnection> second = client.connect(server.localAddress(), "localhost", new CollectingHandler());
        awaitTrue(() -> gated.waiting() == 1, "the second handshake's step to park");
        first.write(ByteBuffer.wrap("still served".getBytes(UTF_8)));

        assertThat(new String(established.await(12, TIMEOUT), UTF_8)).isEqualTo("still served");
        assertThat(second).isNotDone();
        assertThat(server.stats().handshakesInFlight()).isEqualTo(1);
        gated.release();
        assertThat(second.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).isOpen()).isTrue();
    }

    @Test
    void reportsAFailedHandshakeOnBothSides() throws Exception {
        TlsServer server = echoServer(TransportConfig.defaults());
        TlsClient untrusting = TlsClient.open(SSLContext.getDefault(), TransportConfig.defaults());
        toClose.add(untrusting);

        CompletableFuture<TlsConnection> connecting =
                untrusting.connect(server.localAddress(), "localhost", new CollectingHandler());

        assertThatThrownBy(() -> connecting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SSLHandshakeException.class);
        awaitTrue(() -> server.stats().handshakesFailed() == 1, "the server to count the failure");
        assertThat(server.stats().handshakesInFlight()).isZero();
        assertThat(server.stats().connectionsOpen()).isZero();
    }

    @Test
    void aStepTheOffloaderRefusesFailsThatHandshake() throws Exception {
        TlsServer server = echoServer(TransportConfig.defaults().withOffloader(new RefusingOffloader()));

        CompletableFuture<TlsConnection> connecting = client().connect(server.localAddress(), "localhost",
                new CollectingHandler());

        assertThatThrownBy(() -> connecting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        awaitTrue(() -> server.stats().handshakesFailed() == 1, "the server to count the refused handshake");
        assertThat(server.stats().connectionsOpen()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aCloseByThePeerEndsBothSidesInOrder(String protocol) throws Exception {
        TlsServer server = echoServer(TransportConfig.defaults());
        TlsClient client = TlsClient.open(TestTls.clientContext(), TransportConfig.defaults()
                .withEngineSetup(engine -> engine.setEnabledProtocols(new String[] {protocol})));
        toClose.add(client);
        CollectingHandler handler = new CollectingHandler();
        TlsConnection connection = connect(client, server, handler);

        connection.close();

        assertThat(handler.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNull();
        awaitTrue(() -> server.stats().connectionsOpen() == 0, "the server to close its side");
        assertThat(connection.session().getProtocol()).isEqualTo(protocol);
    }

    @Test
    void closeShutsConnectionsAndLeavesNoThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        TlsServer server = TlsServer.start(TestTls.serverContext(), TlsServer.loopback(0), EchoHandler::new,
                TransportConfig.defaults());
        TlsClient client = TlsClient.open(TestTls.clientContext(), TransportConfig.defaults());
        CollectingHandler handler = new CollectingHandler();
        connect(client, server, handler);
        awaitTrue(() -> server.stats().handshakesCompleted() == 1, "the server side of the handshake");

        server.close();

        assertThat(handler.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNull();
        client.close();
        awaitTrue(() -> newThreads(before).isEmpty(), "no new threads to remain");
    }

    private static Set<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private TlsServer echoServer(TransportConfig config) throws Exception {
        TlsServer server = TlsServer.start(TestTls.serverContext(), TlsServer.loopback(0), EchoHandler::new, config);
        toClose.add(server);
        return server;
    }

    private TlsClient client() {
        return toClose.client();
    }

    private static TlsConnection connect(TlsClient client, TlsServer server, ConnectionHandler handler)
            throws Exception {
        return client.connect(server.localAddress(), "localhost", handler).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
