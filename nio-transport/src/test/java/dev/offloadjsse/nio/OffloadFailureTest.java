package dev.offloadjsse.nio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.OffloadLimits;
import dev.offloadjsse.offload.PooledOffloader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
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
    /**
     * The engine's (and in one test the transport's) handshake timeout: short, yet long enough for
     * a normal handshake on two cores shared with other builds.
     */
    private static final Duration ENGINE_TIMEOUT = Duration.ofMillis(2_000);
    /** How long a hanging step blocks its offload thread: well past the timeout. */
    private static final Duration HANG = Duration.ofMillis(5_000);

    private final Closer toClose = new Closer();
    private final Queue<Throwable> serverFailures = new ConcurrentLinkedQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        toClose.close();
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
        OffloadLimits limits = limits(ENGINE_TIMEOUT);
        TlsServer server = server(pool, limits, TransportConfig.defaults().withOffloader(pool),
                i -> i == 0 ? FaultyHandshakers.Fault.hanging(HANG.toMillis()) : FaultyHandshakers.Fault.NONE);
        TlsClient client = client();

        Pending hung = start(client, server);
        Probes.awaitTrue(() -> handshakers.get().created() == 1, TIMEOUT, "the hanging handshake to start");
        for (int i = 0; i < 4; i++) {
            assertEchoes(start(client, server)); // the pool's other thread serves them meanwhile
        }

        assertFailsOnTheClient(hung);
        assertThat(awaitServerFailure(1)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("did not complete within " + ENGINE_TIMEOUT.toMillis() + " ms");
        assertEchoes(start(client, server));
        assertThat(server.stats().handshakesCompleted()).isEqualTo(5);
        Probes.awaitTrue(() -> server.stats().connectionsOpen() == 5, TIMEOUT, "the hung connection to close");
    }

    /** The transport's deadline closes the connection while the step still hangs, without waiting for it. */
    @Test
    void aStepThatHangsPastTheTransportDeadlineIsClosedWithoutWaitingForTheStep() throws Exception {
        PooledOffloader pool = pool(2, 16);
        TlsServer server = server(pool, limits(ENGINE_TIMEOUT),
                TransportConfig.defaults().withOffloader(pool).withHandshakeTimeout(ENGINE_TIMEOUT),
                i -> i == 0 ? FaultyHandshakers.Fault.hanging(HANG.toMillis()) : FaultyHandshakers.Fault.NONE);
        TlsClient client = client();
        long start = System.nanoTime();

        Pending hung = start(client, server);

        assertFailsOnTheClient(hung);
        assertThat(awaitServerFailure(1)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("not complete within " + ENGINE_TIMEOUT.toMillis() + " ms");
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the hung connection closed")
                .isLessThan(HANG.toMillis() - 500);
        assertThat(server.stats().handshakesTimedOut()).isEqualTo(1);
        assertEchoes(start(client, server));
        Thread.sleep(HANG.toMillis()); // the hung step returns into a closed connection
        assertEchoes(start(client, server));
        assertThat(server.stats().connectionsOpen()).isEqualTo(2);
    }

    /**
     * The pool (one thread, a queue of one) is filled by two tasks of its own that wait at a gate,
     * so that exactly the next handshake step is refused; established connections need no step
     * and go on. (Filling it with handshakes instead would also refuse their own later steps.)
     */
    @Test
    void aStepTheFullPoolRefusesFailsThatConnectionAlone() throws Exception {
        PooledOffloader pool = pool(1, 1);
        TlsServer server = server(pool, OffloadLimits.DEFAULT, TransportConfig.defaults().withOffloader(pool),
                i -> FaultyHandshakers.Fault.NONE);
        TlsClient client = client();
        Pending established = start(client, server);
        established.opened().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Probes.awaitTrue(() -> server.stats().handshakesCompleted() == 1, TIMEOUT,
                "the server's last step (the client is done one flight earlier)");
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger blocked = new AtomicInteger();
        Runnable waitAtGate = () -> FaultyHandshakers.Fault.gated(gate, blocked).beforeFirstStep();
        pool.run(waitAtGate); // queued if the thread is still returning from the last step, then run
        Probes.awaitTrue(() -> blocked.get() == 1, TIMEOUT, "the pool's thread to be held");
        pool.run(waitAtGate);
        Probes.awaitTrue(() -> pool.stats().queued() == 1, TIMEOUT, "the pool's queue to be full");

        Pending refused = start(client, server);

        assertFailsOnTheClient(refused);
        assertThat(awaitServerFailure(1)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("refused the handshake step");
        assertThat(server.stats().handshakesRefused()).isEqualTo(1);
        assertThat(pool.stats().rejected()).isEqualTo(1);
        assertEchoes(established);
        gate.countDown();
        Probes.awaitTrue(() -> pool.stats().queued() == 0, TIMEOUT, "the gate's tasks to leave the queue");
        assertEchoes(start(client, server));
        assertEchoes(start(client, server));
        assertThat(server.stats().handshakesCompleted()).isEqualTo(3);
        assertThat(server.stats().handshakesRefused()).isEqualTo(1);
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
        return toClose.client();
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
    private void assertEchoes(Pending connecting) throws Exception {
        TlsConnection connection = connecting.opened().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        int failuresBefore = serverFailures.size();
        connection.write(ByteBuffer.wrap(new byte[] {4, 2}));
        Probes.awaitTrue(() -> connecting.received().closed().isDone() || received(connecting, 2)
                || serverFailures.size() > failuresBefore, TIMEOUT, "the echo");
        if (connecting.received().closed().isDone()) {
            Thread.sleep(200); // let the server side record why, for the message below
            Throwable clientSide = connecting.received().closed().getNow(null);
            throw new AssertionError("closed before the echo; client side: " + clientSide + "; server side, all so far: "
                    + serverFailures.stream().map(OffloadFailureTest::describe).toList(), clientSide);
        }
        assertThat(serverFailures).as("server-side failures").hasSize(failuresBefore);
        assertThat(connecting.received().await(2, Duration.ZERO)).containsExactly(4, 2);
    }

    private static String describe(Throwable failure) {
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        return trace.toString();
    }

    private static boolean received(Pending connecting, int count) {
        try {
            connecting.received().await(count, Duration.ZERO);
            return true;
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            return false;
        }
    }
}
