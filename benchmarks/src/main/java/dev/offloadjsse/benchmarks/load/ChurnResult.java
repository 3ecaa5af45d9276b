package dev.offloadjsse.benchmarks.load;

import java.util.List;

/**
 * Handshakes a server completed per second while client connections opened and closed.
 *
 * @param handshakesPerSecond one value per round, by the server's own count
 * @param failedHandshakes client handshakes that failed over the whole run
 * @param firstFailure why the first of them failed; empty if none did
 * @param serverFailedHandshakes handshakes the server counted as failed (includes connections the
 *     clients closed early)
 */
public record ChurnResult(ServerKind server, int connections, List<Double> handshakesPerSecond,
        long failedHandshakes, String firstFailure, long serverFailedHandshakes) {
}
