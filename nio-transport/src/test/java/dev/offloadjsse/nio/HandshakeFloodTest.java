package dev.offloadjsse.nio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.OffloadLimits;
import dev.offloadjsse.offload.PooledOffloader;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, handshake flood: an OffloadJSSE server with a one-thread pool (queue of 8) and room for
 * {@value #MAX_HANDSHAKES} handshakes takes a flood of new connections far beyond both: real
 * ClientHellos whose senders then go silent, connections that send nothing, and garbage.
 * Established connections must go on being served with bounded latency; the excess must be
 * closed quickly and counted; what the server holds must stay within its bounds; afterwards it
 * must handshake normally again.
 *
 * <p>{@code -Dflood.connections=N} (default 1500) sizes the flood.
 */
class HandshakeFloodTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_HANDSHAKES = 64;
    private static final int POOL_QUEUE = 8;
    private static final int ESTABLISHED = 8;
    private static final int FLOOD = Integer.getInteger("flood.connections", 1500);
    /** Generous for two loaded cores; a starved loop shows up as seconds, not milliseconds. */
    private static final long MAX_ROUND_TRIP_MILLIS = 2_000;

    @Test
    void establishedConnectionsAreServedWhileAFloodOfHandshakesIsRefused() throws Exception {
        try (PooledOffloader pool = new PooledOffloader(1, POOL_QUEUE);
                TlsServer server = TlsServer.start(TestTls.serverContext(new OffloadJsseProvider(
                                OffloadConfig.withOffloader(pool).withLimits(new OffloadLimits(HANDSHAKE_TIMEOUT, 64,
                                        1 << 16, 1 << 17)))),
                        TlsServer.loopback(0), EchoHandler::new, TransportConfig.defaults().withOffloader(pool)
                                .withHandshakeTimeout(HANDSHAKE_TIMEOUT).withMaxHandshakes(MAX_HANDSHAKES));
                TlsClient client = TlsClient.open(TestTls.clientContext(), TransportConfig.defaults())) {
            List<TlsConnection> established = new ArrayList<>();
            List<CollectingHandler> echoes = new ArrayList<>();
            for (int i = 0; i < ESTABLISHED; i++) {
                CollectingHandler echo = new CollectingHandler();
                echoes.add(echo);
                established.add(client.connect(server.localAddress(), "localhost", echo)
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            byte[] clientHello = RawPeers.clientHello();
            AtomicBoolean flooding = new AtomicBoolean(true);
            Pinger pinger = new Pinger(established, echoes, flooding);
            Thread pingThread = new Thread(pinger, "flood-pinger");
            pingThread.start();
            Bounds bounds = new Bounds(server, pool, flooding);
            Thread boundsThread = new Thread(bounds, "flood-bounds");
            boundsThread.start();

            Flood flood = new Flood(server, clientHello);
            long floodStart = System.nanoTime();
            flood.run();
            long floodMillis = (System.nanoTime() - floodStart) / 1_000_000;
            flooding.set(false);
            pingThread.join(TIMEOUT.toMillis());
            boundsThread.join(TIMEOUT.toMillis());

            TransportStats stats = server.stats();
            System.out.printf("flood: %d connections in %d ms, %d closed by the server within 1 s, %d later;"
                            + " round trips %d, max %d ms; %s; pool %s; max in flight %d, max queued %d%n",
                    FLOOD, floodMillis, flood.quick.get(), flood.slow.get(), pinger.roundTrips.get(),
                    pinger.maxMillis.get(), stats, pool.stats(), bounds.maxInFlight.get(), bounds.maxQueued.get());
            assertThat(pinger.errors).as("errors on established connections").isEmpty();
            assertThat(pinger.roundTrips.get()).as("round trips during the flood").isGreaterThan(ESTABLISHED);
            assertThat(pinger.maxMillis.get()).as("slowest round trip (ms)").isLessThan(MAX_ROUND_TRIP_MILLIS);
            assertThat(flood.errors).as("flood connections the server did not close").isEmpty();
            assertThat(bounds.maxInFlight.get()).isLessThanOrEqualTo(MAX_HANDSHAKES);
            assertThat(bounds.maxQueued.get()).isLessThanOrEqualTo(POOL_QUEUE);
            assertThat(bounds.maxOpen.get()).isLessThanOrEqualTo(MAX_HANDSHAKES + ESTABLISHED);
            assertThat(stats.connectionsRefused() + stats.handshakesRefused()).as("refused").isPositive();
            assertThat(stats.handshakesTimedOut()).as("silent connections timed out").isPositive();
            assertThat(stats.handshakesFailed()).isGreaterThanOrEqualTo(stats.handshakesTimedOut()
                    + stats.handshakesRefused());

            Probes.awaitTrue(() -> server.stats().handshakesInFlight() == 0, TIMEOUT, "the flood's handshakes to end");
            assertThat(server.stats().connectionsOpen()).isEqualTo(ESTABLISHED);
            CollectingHandler after = new CollectingHandler();
            TlsConnection fresh = client.connect(server.localAddress(), "localhost", after)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            fresh.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertThat(after.await(3, TIMEOUT)).containsExactly(1, 2, 3);
            assertThat(server.stats().handshakesCompleted()).isEqualTo(ESTABLISHED + 1);
        }
    }

    /** Request/response on every established connection, one after the other, timing each. */
    private static final class Pinger implements Runnable {
        private final List<TlsConnection> connections;
        private final List<CollectingHandler> echoes;
        private final AtomicBoolean flooding;
        final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        final AtomicInteger roundTrips = new AtomicInteger();
        final AtomicLong maxMillis = new AtomicLong();

        Pinger(List<TlsConnection> connections, List<CollectingHandler> echoes, AtomicBoolean flooding) {
            this.connections = connections;
            this.echoes = echoes;
            this.flooding = flooding;
        }

        @Override
        public void run() {
            int[] expected = new int[connections.size()];
            Random random = new Random(7);
            try {
                do {
                    for (int i = 0; i < connections.size(); i++) {
                        byte[] message = new byte[1 + random.nextInt(256)];
                        random.nextBytes(message);
                        long start = System.nanoTime();
                        connections.get(i).write(ByteBuffer.wrap(message));
                        byte[] received = echoes.get(i).await(expected[i] + message.length, TIMEOUT);
                        long millis = (System.nanoTime() - start) / 1_000_000;
                        maxMillis.accumulateAndGet(millis, Math::max);
                        if (!Arrays.equals(received, expected[i], received.length, message, 0, message.length)) {
                            throw new AssertionError("echo on connection " + i + " differs");
                        }
                        expected[i] += message.length;
                        roundTrips.incrementAndGet();
                    }
                    Thread.sleep(5);
                } while (flooding.get());
            } catch (Exception | AssertionError e) {
                errors.add(e);
            }
        }
    }

    /** Samples what the server holds while the flood runs. */
    private static final class Bounds implements Runnable {
        private final TlsServer server;
        private final PooledOffloader pool;
        private final AtomicBoolean flooding;
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger maxQueued = new AtomicInteger();
        final AtomicInteger maxOpen = new AtomicInteger();
        private int samples;

        Bounds(TlsServer server, PooledOffloader pool, AtomicBoolean flooding) {
            this.server = server;
            this.pool = pool;
            this.flooding = flooding;
        }

        @Override
        public void run() {
            while (flooding.get()) {
                TransportStats stats = server.stats();
                maxInFlight.accumulateAndGet(stats.handshakesInFlight(), Math::max);
                maxOpen.accumulateAndGet(stats.connectionsOpen(), Math::max);
                maxQueued.accumulateAndGet(pool.stats().queued(), Math::max);
                if (Boolean.getBoolean("flood.trace") && ++samples % 100 == 0) {
                    System.out.println("flood trace: " + stats + " " + pool.stats());
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * {@value #FLOOD} connections from one selector thread, up to {@value #FLOOD_OPEN} open at a
     * time: a third send a ClientHello and then nothing, a third connect and send nothing, a third
     * send garbage. Every one waits (reading, never writing again) for the server to close it, and
     * the time that took is kept.
     */
    private static final class Flood {
        private static final int FLOOD_OPEN = 400;
        private final TlsServer server;
        private final byte[] clientHello;
        final Queue<String> errors = new ConcurrentLinkedQueue<>();
        final AtomicInteger quick = new AtomicInteger();
        final AtomicInteger slow = new AtomicInteger();

        Flood(TlsServer server, byte[] clientHello) {
            this.server = server;
            this.clientHello = clientHello;
        }

        void run() throws IOException {
            Random random = new Random(11);
            long giveUp = 3 * HANDSHAKE_TIMEOUT.toNanos();
            ByteBuffer sink = ByteBuffer.allocate(1 << 14);
            try (Selector selector = Selector.open()) {
                int launched = 0;
                while (launched < FLOOD || !selector.keys().isEmpty()) {
                    while (launched < FLOOD && selector.keys().size() < FLOOD_OPEN) {
                        launch(selector, launched++, random);
                    }
                    selector.select(10);
                    long now = System.nanoTime();
                    for (SelectionKey key : selector.selectedKeys()) {
                        FloodPeer peer = (FloodPeer) key.attachment();
                        if (peer.ready(key, sink)) {
                            long millis = (now - peer.start) / 1_000_000;
                            (millis < 1_000 ? quick : slow).incrementAndGet();
                            peer.close(key);
                        }
                    }
                    selector.selectedKeys().clear();
                    for (SelectionKey key : new ArrayList<>(selector.keys())) {
                        FloodPeer peer = (FloodPeer) key.attachment();
                        if (key.isValid() && now - peer.start > giveUp) {
                            errors.add("flood connection " + peer.name + " still open after "
                                    + (now - peer.start) / 1_000_000 + " ms");
                            peer.close(key);
                        }
                    }
                }
            }
        }

        private void launch(Selector selector, int i, Random random) throws IOException {
            int kind = i % 3;
            byte[] bytes = kind == 0 ? clientHello : kind == 1 ? new byte[0] : RawPeers.garbage(random);
            String name = i + (kind == 0 ? " (ClientHello)" : kind == 1 ? " (nothing)" : " (garbage)");
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(server.localAddress());
            channel.register(selector, SelectionKey.OP_CONNECT, new FloodPeer(name, channel, bytes));
        }
    }

    /** One flood connection: connects, writes its bytes once, then reads until the server closes. */
    private static final class FloodPeer {
        final String name;
        final long start = System.nanoTime();
        private final SocketChannel channel;
        private final ByteBuffer bytes;

        FloodPeer(String name, SocketChannel channel, byte[] bytes) {
            this.name = name;
            this.channel = channel;
            this.bytes = ByteBuffer.wrap(bytes);
        }

        /** Whether the server has closed the connection. */
        boolean ready(SelectionKey key, ByteBuffer sink) {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    channel.write(bytes); // a few hundred bytes into an empty socket buffer: all of it
                    key.interestOps(SelectionKey.OP_READ);
                    return false;
                }
                int read;
                do {
                    sink.clear();
                    read = channel.read(sink);
                } while (read > 0);
                return read < 0;
            } catch (IOException e) {
                return true; // reset or refused: closed by the server all the same
            }
        }

        void close(SelectionKey key) {
            key.cancel();
            try {
                channel.close();
            } catch (IOException e) {
                // already reset
            }
        }
    }
}
