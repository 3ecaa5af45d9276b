package dev.offloadjsse.benchmarks.load;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.nio.TlsServer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.HdrHistogram.Histogram;

/**
 * The nio-transport end to end over 127.0.0.1: an OffloadJSSE {@link TlsServer} (ephemeral port)
 * against Conscrypt clients on {@code TlsClient} loops in this JVM. Every run ends by itself after
 * its warm-up and rounds; server, clients and offloader are closed before the next one starts.
 */
public final class LoopbackLoad {

    private static final long SAMPLE_MILLIS = 10;

    private final LoadSettings settings;

    public LoopbackLoad(LoadSettings settings) {
        this.settings = settings;
    }

    /** Handshakes per second with {@code churnConnections} clients opening and closing. */
    public ChurnResult churn(ServerKind kind) throws Exception {
        try (HandshakeOffloader offloader = kind.newOffloader();
                TlsServer server = TlsServer.start(LoadTls.serverContext(offloader), TlsServer.loopback(0),
                        EchoHandler::new, LoadTls.transport());
                HandshakeChurn churn = HandshakeChurn.start(server.localAddress(), settings.churnConnections())) {
            sleep(settings.warmup().toMillis());
            List<Double> rates = new ArrayList<>();
            for (int round = 0; round < settings.rounds(); round++) {
                rates.add(round(server, () -> 0).handshakesPerSecond());
            }
            return new ChurnResult(kind, settings.churnConnections(), rates, churn.failed(), churn.firstFailure(),
                    server.stats().handshakesFailed());
        }
    }

    /**
     * Latency of {@code probeConnections} established connections while {@code floodConnections}
     * handshakes are kept in flight. The probes connect before the flood starts.
     */
    public FloodResult flood(ServerKind kind) throws Exception {
        return latency(kind, settings.floodConnections());
    }

    /** The same probes on the pooled server without a flood: the floor that the machine itself sets. */
    public FloodResult quiet() throws Exception {
        return latency(ServerKind.POOLED, 0);
    }

    private FloodResult latency(ServerKind kind, int floodConnections) throws Exception {
        try (HandshakeOffloader offloader = kind.newOffloader();
                TlsServer server = TlsServer.start(LoadTls.serverContext(offloader), TlsServer.loopback(0),
                        EchoHandler::new, LoadTls.transport());
                LatencyProbe probe = LatencyProbe.start(server.localAddress(), settings.probeConnections(),
                        settings.probeInterval().toNanos());
                HandshakeChurn flood = HandshakeChurn.start(server.localAddress(), floodConnections)) {
            sleep(settings.warmup().toMillis());
            probe.interval();
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            List<Double> p999 = new ArrayList<>();
            List<Double> max = new ArrayList<>();
            List<Double> requests = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            List<Double> queued = new ArrayList<>();
            List<Double> gc = new ArrayList<>();
            for (int round = 0; round < settings.rounds(); round++) {
                Round measured = round(server, () -> offloader.stats().queued());
                Histogram latencies = probe.interval();
                p50.add(millis(latencies.getValueAtPercentile(50)));
                p99.add(millis(latencies.getValueAtPercentile(99)));
                p999.add(millis(latencies.getValueAtPercentile(99.9)));
                max.add(millis(latencies.getMaxValue()));
                requests.add((double) latencies.getTotalCount());
                rates.add(measured.handshakesPerSecond());
                queued.add(measured.meanQueued());
                gc.add((double) measured.gcMillis());
            }
            return new FloodResult(kind, floodConnections, p50, p99, p999, max, requests, rates, queued, gc, flood.failed(),
                    probe.closedConnections());
        }
    }

    /**
     * Sleeps through one round in steps of {@value #SAMPLE_MILLIS} ms, sampling {@code queue} at
     * every step, and counts the handshakes the server completed meanwhile.
     */
    private Round round(TlsServer server, IntSupplier queue) {
        long gcBefore = gcMillis();
        long before = server.stats().handshakesCompleted();
        long start = System.nanoTime();
        long end = start + settings.round().toNanos();
        long samples = 0;
        long queuedTotal = 0;
        while (System.nanoTime() < end) {
            sleep(SAMPLE_MILLIS);
            queuedTotal += queue.getAsInt();
            samples++;
        }
        long elapsed = System.nanoTime() - start;
        return new Round((server.stats().handshakesCompleted() - before) * 1e9 / elapsed,
                samples == 0 ? 0 : (double) queuedTotal / samples, gcMillis() - gcBefore);
    }

    /** Collection time of this JVM so far: every pause stops the server and the clients alike. */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(time -> time > 0).sum();
    }

    private record Round(double handshakesPerSecond, double meanQueued, long gcMillis) {
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static void sleep(long millis) {
        HandshakeChurn.sleepMillis(millis);
    }
}
