package dev.offloadjsse.benchmarks.load;

import java.util.List;

/**
 * Handshakes a server completed per second while client connections opened and closed.
 *
 * @param handshakesPerSecond one value per round, by the server's own count
 * @param failedHandshakes client handshakes that failed over the whole run
 */
public record ChurnResult(ServerKind server, int connections, List<Double> handshakesPerSecond,
        long failedHandshakes) {
}
