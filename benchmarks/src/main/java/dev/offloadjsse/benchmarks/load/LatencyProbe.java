package dev.offloadjsse.benchmarks.load;

import dev.offloadjsse.nio.ConnectionHandler;
import dev.offloadjsse.nio.TlsClient;
import dev.offloadjsse.nio.TlsConnection;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Small requests on established connections, each connection on a fixed schedule with one request
 * outstanding. A request's latency runs from the time the schedule meant to send it to the time
 * its whole answer arrived, so a server that stalls is charged for the requests it kept from being
 * sent as well (no coordinated omission).
 */
final class LatencyProbe implements AutoCloseable {

    static final int REQUEST_BYTES = 64;
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final TlsClient client;
    private final List<Probe> probes = new ArrayList<>();
    private final Recorder recorder = new Recorder(MAX_LATENCY_NANOS, 3);
    private final long intervalNanos;
    private final Thread driver;
    private volatile boolean running = true;

    private LatencyProbe(InetSocketAddress server, int connections, long intervalNanos)
            throws GeneralSecurityException, InterruptedException, ExecutionException, TimeoutException {
        this.client = TlsClient.open(LoadTls.clientContext(), LoadTls.transport());
        this.intervalNanos = intervalNanos;
        List<CompletableFuture<TlsConnection>> opening = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Probe probe = new Probe();
            probes.add(probe);
            opening.add(client.connect(server, "localhost", probe));
        }
        for (int i = 0; i < connections; i++) {
            probes.get(i).connection = opening.get(i).get(30, TimeUnit.SECONDS);
        }
        this.driver = new Thread(this::drive, "latency-probe");
        driver.setDaemon(true);
    }

    /** Opens the connections (their handshakes before any flood) and starts the schedule. */
    static LatencyProbe start(InetSocketAddress server, int connections, long intervalNanos) throws Exception {
        LatencyProbe probe = new LatencyProbe(server, connections, intervalNanos);
        probe.driver.start();
        return probe;
    }

    /** Latencies recorded since the previous call, in nanoseconds. */
    Histogram interval() {
        return recorder.getIntervalHistogram();
    }

    /** Probe connections that have closed; they should all stay open through the flood. */
    long closedConnections() {
        return probes.stream().filter(probe -> !probe.connection.isOpen()).count();
    }

    /** Sends every request that is due, then sleeps until the next one is. */
    private void drive() {
        long start = System.nanoTime();
        for (int i = 0; i < probes.size(); i++) {
            // spread the connections over one interval, so that their requests do not arrive together
            probes.get(i).due = start + intervalNanos * i / probes.size();
        }
        while (running) {
            long now = System.nanoTime();
            long next = now + intervalNanos;
            for (Probe probe : probes) {
                if (!probe.outstanding && probe.due <= now) {
                    probe.send();
                }
                if (!probe.outstanding) {
                    next = Math.min(next, probe.due);
                }
            }
            LockSupport.parkNanos(Math.max(next - System.nanoTime(), 50_000));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            driver.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    /** One connection's schedule: {@code due} is written by the driver while no request is out, read by the loop. */
    private final class Probe implements ConnectionHandler {

        private final ByteBuffer request = ByteBuffer.allocate(REQUEST_BYTES);
        private volatile TlsConnection connection;
        private volatile boolean outstanding;
        private volatile long due;
        /** Loop thread only. */
        private int answered;

        void send() {
            outstanding = true;
            request.clear();
            connection.write(request);
        }

        @Override
        public void onData(TlsConnection from, ByteBuffer plaintext) {
            answered += plaintext.remaining();
            plaintext.position(plaintext.limit());
            if (answered < REQUEST_BYTES) {
                return;
            }
            answered -= REQUEST_BYTES;
            long scheduled = due;
            recorder.recordValue(Math.min(System.nanoTime() - scheduled, MAX_LATENCY_NANOS));
            due = scheduled + intervalNanos;
            outstanding = false;
            LockSupport.unpark(driver);
        }
    }
}
