package dev.offloadjsse.nio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.OffloadLimits;
import dev.offloadjsse.offload.PooledOffloader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, soak: many TLS 1.3 connections over loopback to an OffloadJSSE server, each with random
 * write sizes, its TLS bytes split into random small socket writes ({@link FragmentingClient}), a
 * KeyUpdate from each side in the middle, and an end that is a close_notify for half of them and
 * abrupt (a FIN without close_notify, or a RST) for the other half. Oracles: every byte the client
 * sends comes back in order (the echo is compared), and on every cleanly closed connection the
 * server received exactly the bytes sent (count and CRC-32, in order); afterwards the server holds
 * no connections or handshakes, and the JVM has no more file descriptors or threads than before.
 *
 * <p>Sized by {@code -Dsoak.connections=N} (default 1000), {@code -Dsoak.concurrency=N} (client
 * threads, each running its connections one after the other; default 24) and
 * {@code -Dsoak.seed=N}. The long form is {@code -Dsoak.connections=10000 -Dsoak.concurrency=500}
 * (about 3 minutes on two loaded cores). Every open connection costs two descriptors in this one
 * JVM (client and server side): for thousands at once, up to all 10 000, run it after
 * {@code ulimit -n 65536} in the shell (a JVM cannot raise its own limit). See the module README.
 */
class SoakTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CONNECTIONS = Integer.getInteger("soak.connections", 1000);
    private static final int CONCURRENCY = Integer.getInteger("soak.concurrency", 24);
    private static final long SEED = Long.getLong("soak.seed", 20261203L);
    private static final int[] MAX_FRAGMENTS = {7, 64, 512, 4096};
    /**
     * Not an overload test (that is {@link HandshakeFloodTest}): with thousands of clients
     * connecting at once on two cores a handshake may wait in the pool's queue for longer than
     * the default 10 s, and every client may be handshaking at the same time.
     */
    private static final Duration SOAK_HANDSHAKE_TIMEOUT = Duration.ofMinutes(2);
    private static final OffloadLimits SOAK_LIMITS = new OffloadLimits(SOAK_HANDSHAKE_TIMEOUT,
            OffloadLimits.DEFAULT.maxQueuedRecords(), OffloadLimits.DEFAULT.maxHandshakeMessageSize(),
            OffloadLimits.DEFAULT.maxPostHandshakeMessageSize());

    private final Map<Integer, Received> serverSide = new ConcurrentHashMap<>();
    private final AtomicInteger serverSideWithoutId = new AtomicInteger();

    @Test
    void everyByteArrivesOnceAndInOrderAndNothingLeaks() throws Exception {
        warmUp();
        int fdsBefore = RawPeers.openFileDescriptors();
        Set<Thread> threadsBefore = Probes.liveThreads();
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        Map<Integer, Sent> clean = new ConcurrentHashMap<>();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        TransportStats stats;
        try (PooledOffloader pool = new PooledOffloader(2, Math.max(4096, 4 * CONCURRENCY));
                TlsServer server = TlsServer.start(TestTls.serverContext(new OffloadJsseProvider(
                        OffloadConfig.withOffloader(pool).withLimits(SOAK_LIMITS))), TlsServer.loopback(0),
                        ServerSide::new, TransportConfig.defaults().withOffloader(pool)
                                .withHandshakeTimeout(SOAK_HANDSHAKE_TIMEOUT).withMaxHandshakes(CONCURRENCY + 16))) {
            SSLContext clientContext = TestTls.clientContext();
            ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < CONCURRENCY; t++) {
                running.add(clients.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < CONNECTIONS) {
                        try {
                            Sent sent = oneConnection(server, clientContext, i, bytes);
                            if (sent != null) {
                                clean.put(i, sent);
                            }
                        } catch (Exception | AssertionError e) {
                            errors.add("connection " + i + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get(10 * TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            Probes.awaitTrue(() -> server.stats().connectionsOpen() == 0, TIMEOUT, "the server to close every connection");
            stats = server.stats();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("soak: %d connections (%d clean), %d bytes each way, %d ms, seed %d; %s%n",
                CONNECTIONS, clean.size(), bytes.get(), millis, SEED, stats);

        assertThat(errors).as("client-side errors").isEmpty();
        assertThat(clean).hasSize(CONNECTIONS / 2);
        for (Map.Entry<Integer, Sent> entry : clean.entrySet()) {
            Received received = serverSide.get(entry.getKey());
            assertThat(received).as("server side of clean connection " + entry.getKey()).isNotNull();
            assertThat(received.failure()).as("close of clean connection " + entry.getKey()).isNull();
            assertThat(received.bytes()).as("bytes on connection " + entry.getKey()).isEqualTo(entry.getValue().bytes());
            assertThat(received.crc()).as("CRC-32 on connection " + entry.getKey()).isEqualTo(entry.getValue().crc());
        }
        assertThat(serverSide.size() + serverSideWithoutId.get()).as("server-side closes").isEqualTo(CONNECTIONS);
        assertThat(stats.handshakesCompleted()).isEqualTo(CONNECTIONS);
        assertThat(stats.handshakesFailed()).isZero();
        assertThat(stats.handshakesInFlight()).isZero();
        Probes.awaitTrue(() -> Probes.newThreads(threadsBefore).isEmpty(), TIMEOUT, "no new threads to remain");
        Probes.awaitTrue(() -> fileDescriptors() <= fdsBefore, TIMEOUT,
                "file descriptors back to " + fdsBefore + " (now " + fileDescriptors() + ")");
    }

    /**
     * One connection: an id, random messages each echoed and compared, a KeyUpdate half way, and
     * a close chosen by {@code i}: even ones cleanly, {@code i % 4 == 1} with a FIN, 3 with a RST.
     *
     * @return what was sent, for a cleanly closed connection; null otherwise
     */
    private static Sent oneConnection(TlsServer server, SSLContext context, int i, AtomicLong total) throws IOException {
        Random random = new Random(SEED * 31 + i);
        int maxFragment = MAX_FRAGMENTS[random.nextInt(MAX_FRAGMENTS.length)];
        CRC32 crc = new CRC32();
        long sent = 0;
        try (FragmentingClient client = FragmentingClient.connect(server.localAddress(), context, random, maxFragment)) {
            assertThat(client.protocol()).isEqualTo("TLSv1.3");
            int messages = 2 + random.nextInt(6);
            for (int m = 0; m <= messages; m++) {
                byte[] message = m == 0 ? ByteBuffer.allocate(4).putInt(i).array() : message(random, maxFragment);
                if (m == messages / 2 + 1) {
                    client.updateKeys();
                }
                client.write(message);
                crc.update(message);
                sent += message.length;
                if (m == messages && i % 2 == 1) {
                    client.closeAbruptly(i % 4 == 3); // the last echo still on its way
                    total.addAndGet(sent);
                    return null;
                }
                byte[] echo = client.read(message.length);
                if (!Arrays.equals(echo, message)) {
                    throw new AssertionError("message " + m + " (" + message.length + " bytes) came back changed");
                }
            }
            client.closeCleanly();
        }
        total.addAndGet(sent);
        return new Sent(sent, crc.getValue());
    }

    /** Mostly small, some across several records; small ones only when fragments are tiny. */
    private static byte[] message(Random random, int maxFragment) {
        int size = random.nextInt(4) == 0 && maxFragment > 7 ? 1 + random.nextInt(40_000) : 1 + random.nextInt(400);
        byte[] message = new byte[size];
        random.nextBytes(message);
        return message;
    }

    /** A first connection so that lazily created singletons (timers, crypto) exist before the baseline. */
    private static void warmUp() throws Exception {
        try (PooledOffloader pool = new PooledOffloader(1, 16);
                TlsServer server = TlsServer.start(TestTls.serverContext(new OffloadJsseProvider(
                        OffloadConfig.withOffloader(pool))), TlsServer.loopback(0), EchoHandler::new,
                        TransportConfig.defaults().withOffloader(pool))) {
            try (FragmentingClient client = FragmentingClient.connect(server.localAddress(), TestTls.clientContext(),
                    new Random(1), 64)) {
                client.updateKeys();
                client.write(new byte[] {1});
                client.read(1);
                client.closeCleanly();
            }
            Probes.awaitTrue(() -> server.stats().connectionsOpen() == 0, TIMEOUT, "the warm-up connection to close");
        }
    }

    private static int fileDescriptors() {
        try {
            return RawPeers.openFileDescriptors();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private record Sent(long bytes, long crc) {
    }

    private record Received(long bytes, long crc, Throwable failure) {
    }

    /** Echoes, counts and checksums what arrives, and asks for a KeyUpdate once half way in. */
    private final class ServerSide implements ConnectionHandler {
        private final CRC32 crc = new CRC32();
        private final ByteBuffer id = ByteBuffer.allocate(4);
        private long bytes;
        private long keyUpdateAt = -1;

        @Override
        public void onData(TlsConnection connection, ByteBuffer plaintext) {
            ByteBuffer view = plaintext.duplicate();
            while (id.hasRemaining() && view.hasRemaining()) {
                id.put(view.get());
            }
            crc.update(plaintext.duplicate());
            bytes += plaintext.remaining();
            if (keyUpdateAt < 0 && !id.hasRemaining()) {
                keyUpdateAt = 4 + new Random(id.getInt(0)).nextInt(2_000);
            }
            if (keyUpdateAt >= 0 && bytes >= keyUpdateAt) {
                keyUpdateAt = Long.MAX_VALUE;
                connection.updateKeys();
            }
            connection.write(plaintext);
        }

        @Override
        public void onClose(TlsConnection connection, Throwable failure) {
            if (id.hasRemaining()) {
                serverSideWithoutId.incrementAndGet();
            } else {
                serverSide.put(id.getInt(0), new Received(bytes, crc.getValue(), failure));
            }
        }
    }
}
