package dev.offloadjsse.nio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each of the transport's own bounds ({@link TransportConfig}), hit on purpose, with SunJSSE engines. */
class TransportLimitsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEADLINE = Duration.ofMillis(300);

    private final Closer toClose = new Closer();

    @AfterEach
    void closeAll() throws Exception {
        toClose.close();
    }

    @Test
    void aPeerThatSendsNothingIsClosedAtTheHandshakeDeadline() throws Exception {
        TlsServer server = server(TransportConfig.defaults().withHandshakeTimeout(DEADLINE));
        long start = System.nanoTime();

        try (Socket silent = RawPeers.send(server.localAddress(), new byte[0], (int) TIMEOUT.toMillis())) {
            assertThat(RawPeers.closedByPeer(silent)).isTrue();
        }

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("ms until closed").isBetween(DEADLINE.toMillis() - 50, DEADLINE.toMillis() + 2_500);
        Probes.awaitTrue(() -> server.stats().connectionsOpen() == 0, TIMEOUT, "the server to close it");
        assertThat(server.stats().handshakesTimedOut()).isEqualTo(1);
        assertThat(server.stats().handshakesFailed()).isEqualTo(1);
    }

    @Test
    void aPeerThatStopsAfterItsClientHelloIsClosedAtTheHandshakeDeadline() throws Exception {
        TlsServer server = server(TransportConfig.defaults().withHandshakeTimeout(DEADLINE));

        try (Socket stalled = RawPeers.send(server.localAddress(), RawPeers.clientHello(), (int) TIMEOUT.toMillis())) {
            assertThat(RawPeers.closedByPeer(stalled)).isTrue();
        }

        assertThat(server.stats().handshakesTimedOut()).isEqualTo(1);
        assertThat(server.stats().handshakesOffloaded()).as("the ClientHello was processed").isEqualTo(1);
    }

    @Test
    void anEstablishedConnectionIsNotSubjectToTheHandshakeDeadline() throws Exception {
        TlsServer server = server(TransportConfig.defaults().withHandshakeTimeout(DEADLINE));
        CollectingHandler received = new CollectingHandler();
        TlsConnection connection = client().connect(server.localAddress(), "localhost", received)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        Thread.sleep(3 * DEADLINE.toMillis());
        connection.write(ByteBuffer.wrap(new byte[] {9}));

        assertThat(received.await(1, TIMEOUT)).containsExactly(9);
        assertThat(server.stats().handshakesTimedOut()).isZero();
    }

    @Test
    void aConnectionBeyondMaxHandshakesIsClosedAtAccept() throws Exception {
        TlsServer server = server(TransportConfig.defaults().withMaxHandshakes(2).withHandshakeTimeout(Duration.ofSeconds(2)));
        Socket first = RawPeers.send(server.localAddress(), new byte[0], (int) TIMEOUT.toMillis());
        Socket second = RawPeers.send(server.localAddress(), new byte[0], (int) TIMEOUT.toMillis());
        toClose.add(first);
        toClose.add(second);
        Probes.awaitTrue(() -> server.stats().handshakesInFlight() == 2, TIMEOUT, "two handshakes in flight");
        long start = System.nanoTime();

        try (Socket third = RawPeers.send(server.localAddress(), RawPeers.clientHello(), (int) TIMEOUT.toMillis())) {
            assertThat(RawPeers.closedByPeer(third)).isTrue();
        }

        assertThat((System.nanoTime() - start) / 1_000_000).as("ms until refused").isLessThan(1_000);
        assertThat(server.stats().connectionsRefused()).isEqualTo(1);
        assertThat(server.stats().connectionsOpen()).isEqualTo(2);
        first.close();
        second.close();
        Probes.awaitTrue(() -> server.stats().handshakesInFlight() == 0, TIMEOUT, "the silent ones to go");
        CollectingHandler received = new CollectingHandler();
        client().connect(server.localAddress(), "localhost", received).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .write(ByteBuffer.wrap(new byte[] {7}));
        assertThat(received.await(1, TIMEOUT)).containsExactly(7);
    }

    /**
     * A peer that sends and never reads: the echo piles up in the server's queue until
     * maxPendingWriteBytes, then the server stops reading, so its queue stays within the bound
     * plus what one round of reading can add (the socket input buffer, at most four records).
     */
    @Test
    void aPeerThatDoesNotReadStopsBeingReadOnceTheWriteQueueIsFull() throws Exception {
        int cap = 256 * 1024;
        CompletableFuture<TlsConnection> serverSide = new CompletableFuture<>();
        TlsServer server = TlsServer.start(TestTls.serverContext(), TlsServer.loopback(0), () -> new ConnectionHandler() {
            @Override
            public void onOpen(TlsConnection connection) {
                serverSide.complete(connection);
            }

            @Override
            public void onData(TlsConnection connection, ByteBuffer plaintext) {
                connection.write(plaintext);
            }
        }, TransportConfig.defaults().withMaxPendingWriteBytes(cap));
        toClose.add(server);
        FragmentingClient client = FragmentingClient.connect(server.localAddress(), TestTls.clientContext(),
                new Random(3), 1 << 16);
        toClose.add(client);
        TlsConnection connection = serverSide.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            byte[] chunk = new byte[16 * 1024];
            try {
                while (written.get() < 64L << 20) {
                    client.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (Exception e) {
                // the socket closed under the writer at the end of the test
            }
        }, "never-reading-writer");
        writer.setDaemon(true);
        writer.start();

        Probes.awaitTrue(() -> connection.pendingWriteBytes() >= cap, TIMEOUT, "the server's write queue to fill");
        long maxPending = 0;
        long writtenBefore = written.get();
        for (int i = 0; i < 50; i++) {
            maxPending = Math.max(maxPending, connection.pendingWriteBytes());
            Thread.sleep(10);
        }

        assertThat(maxPending).as("bytes queued on the server").isLessThanOrEqualTo(cap + 4L * 17 * 1024);
        assertThat(written.get() - writtenBefore).as("bytes the writer got through once the server stopped reading")
                .isLessThan(32L << 20);
        client.close();
        Probes.awaitTrue(() -> server.stats().connectionsOpen() == 0, TIMEOUT, "the server to drop the connection");
        assertThat(connection.pendingWriteBytes()).isZero();
    }

    private TlsServer server(TransportConfig config) throws Exception {
        TlsServer server = TlsServer.start(TestTls.serverContext(), TlsServer.loopback(0), EchoHandler::new, config);
        toClose.add(server);
        return server;
    }

    private TlsClient client() {
        return toClose.client();
    }
}
