package dev.offloadjsse.server;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.remote.RemoteHandshakers;
import dev.offloadjsse.remote.RemoteHandshakers.Granularity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Not a test: a main that measures TLS 1.3 handshakes (SunJSSE client engine against our
 * front-end engine, in memory, tasks run on the calling thread) with the handshake run locally,
 * wholly on a handshake server over loopback, and locally with only the signature remote.
 * Each handshake is timed from the ClientHello to the first application record back (one
 * ping/pong). Client, front end and handshake server share this JVM and its cores, so besides
 * wall-clock figures it reports CPU per handshake: of the threads that drive the engines (the
 * SunJSSE client and the front end's engine and, locally, its handshake) and of the whole
 * process (with the handshake server and gRPC).
 *
 * <pre>
 * mvn -o -q -pl offload-server test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp offload-server/target/test-classes:offload-server/target/classes:$(cat /tmp/cp.txt) \
 *      dev.offloadjsse.server.RemoteOffloadBench [handshakes per thread, default 400] [threads, default 4]
 * </pre>
 */
public final class RemoteOffloadBench {

    private RemoteOffloadBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        HandshakeServer server = Loopback.server(4096);
        try (RemoteHandshakers whole = Loopback.remote(List.of(server), Loopback.frontEndChannel()).build();
                RemoteHandshakers keys = Loopback.remote(List.of(server), Loopback.frontEndChannel())
                        .granularity(Granularity.PRIVATE_KEY).build()) {
            Map<String, SSLContext> modes = new LinkedHashMap<>();
            modes.put("local (in-process)", local());
            modes.put("remote: whole handshake", Loopback.frontEnd(whole));
            modes.put("remote: private key", Loopback.frontEnd(keys));
            // Every mode warms up before any is measured: the JIT would otherwise favour the later ones.
            for (Iterator<Map.Entry<String, SSLContext>> it = modes.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, SSLContext> mode = it.next();
                try {
                    handshakes(mode.getValue(), Math.max(100, count / 2), 1);
                } catch (Exception | AssertionError e) {
                    System.out.printf(Locale.ROOT, "%-24s fails: %s%n", mode.getKey(), e);
                    it.remove();
                }
            }
            System.out.printf(Locale.ROOT, "%-24s %7s %6s %8s %8s %12s %14s %14s%n", "mode", "threads", "n", "p50 ms", "p99 ms",
                    "handshakes/s", "driver CPU ms", "process CPU ms");
            for (int concurrency : new int[] {1, threads}) {
                for (Map.Entry<String, SSLContext> mode : modes.entrySet()) {
                    run(mode.getKey(), mode.getValue(), count, concurrency);
                }
            }
        } finally {
            server.kill();
        }
    }

    /**
     * Our provider with the TLS key in this process, handshakes run by the local Bouncy Castle
     * handshaker. SunX509, as the handshake server uses: the PKIX key manager adds about 3 ms of
     * CPU per handshake (it checks the certificates at each alias choice).
     */
    private static SSLContext local() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
        keys.init(TestPki.identity(TestPki.TLS).keyStore(), TestPki.PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS", new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader())));
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void run(String mode, SSLContext frontEnd, int count, int threads) throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        DRIVER_CPU.reset();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        long[] latencies = handshakes(frontEnd, count, threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        double processCpu = (os.getProcessCpuTime() - cpuStart) / 1e6 / latencies.length;
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%-24s %7d %6d %8.2f %8.2f %12.0f %14.2f %14.2f%n", mode, threads, latencies.length,
                latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6, latencies.length / seconds,
                DRIVER_CPU.sum() / 1e6 / latencies.length, processCpu);
    }

    private static final java.util.concurrent.atomic.LongAdder DRIVER_CPU = new java.util.concurrent.atomic.LongAdder();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static long[] handshakes(SSLContext frontEnd, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(pool.submit(() -> {
                    long[] times = new long[count];
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    for (int i = 0; i < count; i++) {
                        EnginePair pair = new EnginePair(Loopback.sunJsseClient("TLSv1.3"), frontEnd.createSSLEngine());
                        long begin = System.nanoTime();
                        pair.handshakeAndExchange();
                        times[i] = System.nanoTime() - begin;
                    }
                    DRIVER_CPU.add(THREADS.getCurrentThreadCpuTime() - cpu);
                    return times;
                }));
            }
            long[] all = new long[count * threads];
            for (int t = 0; t < threads; t++) {
                System.arraycopy(parts.get(t).get(), 0, all, t * count, count);
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
