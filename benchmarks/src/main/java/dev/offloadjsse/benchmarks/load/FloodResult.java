package dev.offloadjsse.benchmarks.load;

import java.util.List;

/**
 * Request/response latency on established connections during a handshake flood; one value per
 * round in every list.
 *
 * @param floodConnections handshakes kept in flight (0: no flood)
 * @param p50Millis median request latency
 * @param p99Millis 99th percentile
 * @param p999Millis 99.9th percentile
 * @param maxMillis the slowest request of the round
 * @param requests requests answered per round
 * @param floodHandshakesPerSecond handshakes the server completed meanwhile
 * @param queuedSteps handshake steps waiting for a pool thread, mean of samples every 10 ms
 *     (always 0 inline: there the loop itself is the queue)
 * @param gcMillis time this JVM spent collecting garbage (G1 counts its stop-the-world pauses, and
 *     on this JVM they stop server and clients alike)
 * @param failedHandshakes flood handshakes that failed over the whole run
 * @param closedProbes probe connections that closed during the run (should be 0)
 */
public record FloodResult(ServerKind server, int floodConnections, List<Double> p50Millis, List<Double> p99Millis,
        List<Double> p999Millis, List<Double> maxMillis, List<Double> requests, List<Double> floodHandshakesPerSecond,
        List<Double> queuedSteps, List<Double> gcMillis, long failedHandshakes, long closedProbes) {
}
