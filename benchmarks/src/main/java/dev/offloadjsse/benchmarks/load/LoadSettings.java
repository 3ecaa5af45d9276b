package dev.offloadjsse.benchmarks.load;

import java.time.Duration;

/**
 * How hard and how long the loopback load runs.
 *
 * @param churnConnections client connections that open, handshake and close in a loop while the
 *     handshake rate is measured
 * @param floodConnections handshakes the flood keeps in flight while latency is measured: enough
 *     that the server's offload pool always has a queue
 * @param probeConnections established connections that carry the timed requests
 * @param probeInterval how often each probe connection sends a request (its schedule: a late
 *     answer delays the next request, and that delay is counted, so the loop does not hide stalls)
 * @param warmup load before the first round, for the JIT
 * @param round length of one measured round
 * @param rounds measured rounds per server
 */
public record LoadSettings(int churnConnections, int floodConnections, int probeConnections, Duration probeInterval,
        Duration warmup, Duration round, int rounds) {

    public static LoadSettings quick() {
        return new LoadSettings(32, 48, 4, Duration.ofMillis(5), Duration.ofSeconds(1), Duration.ofSeconds(1), 3);
    }

    public static LoadSettings standard() {
        return new LoadSettings(64, 96, 8, Duration.ofMillis(5), Duration.ofSeconds(5), Duration.ofSeconds(3), 5);
    }

    public static LoadSettings full() {
        return new LoadSettings(128, 128, 16, Duration.ofMillis(5), Duration.ofSeconds(8), Duration.ofSeconds(5), 10);
    }
}
