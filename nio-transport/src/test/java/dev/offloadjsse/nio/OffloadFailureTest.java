package dev.offloadjsse.nio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.OffloadLimits;
import dev.offloadjsse.offload.PooledOffloader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, failure of the offload component: a step that throws, one that hangs past the handshake
 * timeout, and one that a full pool refuses each fail their own connection with a clear
 * {@link SSLHandshakeException} on the server; the other connections on the same server, engine
 * context and pool handshake and echo as before. The oracle for "clear" is the server handler's
 * {@link ConnectionHandler#onClose} failure; the client (SunJSSE) sees an alert or a TCP close.
 */
class OffloadFailureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Queue<Throwable> serverFailures = new ConcurrentLinkedQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aStepThatThrowsFailsThatConnectionAlone() throws Exception {
        PooledOffloader pool = pool(2, 16);
        TlsServer server = server(pool, OffloadLimits.DEFAULT, TransportConfig.defaults().withOffloader(pool),
                i -> i % 3 == 1 ? FaultyHandshakers.Fault.throwing("injected fault " + i) : FaultyHandshakers.Fault.NONE);
        TlsClient client = client();

        for (int i = 0; i < 9; i++) {
            Pending connecting = start(client, server);
            if (i % 3 == 1) {
                assertFailsOnTheClient(connecting);
                Throwable failure = awaitServerFailure(i / 3 + 1);
                assertThat(failure).isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("injected fault " + i);
            } else {
                assertEchoes(connecting);
            }
        }

        assertThat(server.stats().handshakesCompleted()).isEqualTo(6);
        assertThat(server.stats().handshakesFailed()).isEqualTo(3);
        assertThat(pool.stats().rejected()).isZero();
    }

    /** The engine's own deadline frees the handshake; the connection learns of it when the step returns. */
    @Test
    void aStepThatHangsPastTheEngineTimeoutFailsThatConnectionAlone() throws Exception {
        PooledOffloader pool = pool(2, 16);
        OffloadLimits limits = limits(Duration.ofMillis(300));
        TlsServer server = server(pool, limits, TransportConfig.defaults().withOffloader(pool),
                i -> i == 0 ? FaultyHandshakers.Fault.hanging(1_500) : FaultyHandshakers.Fault.NONE);
        TlsClient client = client();

        Pending hung = start(client, server);
        Probes.awaitTrue(() -> handshakers.get().created() == 1, TIMEOUT, "the hanging handshake to start");
        for (int i = 0; i < 4; i++) {
            assertEchoes(start(client, server)); // the pool's other thread serves them meanwhile
        }

        assertFailsOnTheClient(hung);
        assertThat(awaitServerFailure(1)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("did not complete within 300 ms");
        assertEchoes(start(client, server));
        assertThat(server.stats().handshakesCompleted()).isEqualTo(5);
        Probes.awaitTrue(() -> server.stats().connectionsOpen() == 5, TIMEOUT, "the hung connection to close");
    }

    /** The transport's deadline closes the connection while the step still hangs, without waiting for it. */
    @Test
    void aStepThatHangsPastTheTransportDeadlineIsClosedWithoutWaitingForTheStep() throws Exception {
        PooledOffloader pool = pool(2, 16);
        Duration timeout = Duration.ofMillis(300);
        TlsServer server = server(pool, limits(timeout),
                TransportConfig.defaults().withOffloader(pool).withHandshakeTimeout(timeout),
                i -> i == 0 ? FaultyHandshakers.Fault.hanging(3_000) : FaultyHandshakers.Fault.NONE);
        TlsClient client = client();
        long start = System.nanoTime();

        Pending hung = start(client, server);

        assertFailsOnTheClient(hung);
        assertThat(awaitServerFailure(1)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("not complete within 300 ms");
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the hung connection closed").isLessThan(2_500);
        assertThat(server.stats().handshakesTimedOut()).isEqualTo(1);
        assertEchoes(start(client, server));
        Thread.sleep(3_000); // the hung step returns into a closed connection
        assertEchoes(start(client, server));
        assertThat(server.stats().connectionsOpen()).isEqualTo(2);
    }

    @Test
    void aStepTheFullPoolRefusesFailsThatConnectionAlone() throws Exception {
        PooledOffloader pool = pool(1, 1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger blocked = new AtomicInteger();
        TlsServer server = server(pool, OffloadLimits.DEFAULT, TransportConfig.defaults().withOffloader(pool),
                i -> i == 0 ? FaultyHandshakers.Fault.gated(gate, blocked) : FaultyHandshakers.Fault.NONE);
        TlsClient client = client();

        Pending running = start(client, server);
        Probes.awaitTrue(() -> blocked.get() == 1, TIMEOUT, "the first step to hold the pool's thread");
        Pending queued = start(client, server);
        Probes.awaitTrue(() -> pool.stats().queued() == 1, TIMEOUT, "the second step to wait in the queue");
        Pending refused = start(client, server);

        assertFailsOnTheClient(refused);
        assertThat(awaitServerFailure(1)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("refused the handshake step");
        assertThat(server.stats().handshakesRefused()).isEqualTo(1);
        assertThat(pool.stats().rejected()).isEqualTo(1);
        gate.countDown();
        assertEchoes(running);
        assertEchoes(queued);
        assertEchoes(start(client, server));
        assertThat(server.stats().handshakesCompleted()).isEqualTo(3);
    }

    private final AtomicReference<FaultyHandshakers> handshakers = new AtomicReference<>();

    private static OffloadLimits limits(Duration handshakeTimeout) {
        OffloadLimits d = OffloadLimits.DEFAULT;
        return new OffloadLimits(handshakeTimeout, d.maxQueuedRecords(), d.maxHandshakeMessageSize(),
                d.maxPostHandshakeMessageSize());
    }

    private PooledOffloader pool(int threads, int queue) {
        PooledOffloader pool = new PooledOffloader(threads, queue);
        toClose.add(pool);
        return pool;
    }

    private TlsServer server(PooledOffloader pool, OffloadLimits limits, TransportConfig config,
            IntFunction<FaultyHandshakers.Fault> faults) throws Exception {
        OffloadConfig offload = OffloadConfig.withOffloader(pool).withLimits(limits).withHandshakers(random -> {
            FaultyHandshakers created = new FaultyHandshakers(random, faults);
            handshakers.set(created);
            return created;
        });
        TlsServer server = TlsServer.start(TestTls.serverContext(new OffloadJsseProvider(offload)), TlsServer.loopback(0),
                () -> new ConnectionHandler() {
                    @Override
                    public void onData(TlsConnection connection, ByteBuffer plaintext) {
                        connection.write(plaintext);
                    }

                    @Override
                    public void onClose(TlsConnection connection, Throwable failure) {
                        if (failure != null) {
                            serverFailures.add(failure);
                        }
                    }
                }, config);
        toClose.add(server);
        return server;
    }

    private TlsClient client() {
        TlsClient client = TlsClient.open(TestTls.clientContext(), TransportConfig.defaults());
        toClose.add(client);
        return client;
    }

    /** A connection being made, with the handler that collects what it receives. */
    private record Pending(CompletableFuture<TlsConnection> opened, CollectingHandler received) {
    }

    private static Pending start(TlsClient client, TlsServer server) {
        CollectingHandler received = new CollectingHandler();
        return new Pending(client.connect(server.localAddress(), "localhost", received), received);
    }

    /** The client's handshake fails (alert or close from the server) instead of hanging. */
    private static void assertFailsOnTheClient(Pending connecting) throws Exception {
        try {
            connecting.opened().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("the handshake should have failed");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfAny(SSLException.class, java.io.IOException.class);
        }
    }

    private Throwable awaitServerFailure(int count) throws InterruptedException {
        Probes.awaitTrue(() -> serverFailures.size() >= count, TIMEOUT, count + " server-side failures");
        assertThat(serverFailures).hasSize(count);
        return new ArrayList<>(serverFailures).get(count - 1);
    }

    /** The handshake completes and a round trip on the connection works. */
    private static void assertEchoes(Pending connecting) throws Exception {
        TlsConnection connection = connecting.opened().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        connection.write(ByteBuffer.wrap(new byte[] {4, 2}));
        assertThat(connecting.received().await(2, TIMEOUT)).containsExactly(4, 2);
    }
}
