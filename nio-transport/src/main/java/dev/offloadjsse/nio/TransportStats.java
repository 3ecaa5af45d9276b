package dev.offloadjsse.nio;

/**
 * A snapshot of a transport's counters.
 *
 * @param handshakesCompleted handshakes that reached the established state
 * @param handshakesFailed handshakes that ended without it (errors, and connections closed early),
 *     including those counted again below as refused or timed out
 * @param handshakesInFlight handshakes started and not yet ended
 * @param handshakesOffloaded handshakes that ran at least one step off the loop
 * @param handshakeSteps steps run off the loop (delegated tasks, including post-handshake ones)
 * @param stepNanosTotal total time of those steps, from submission to completion (queueing included)
 * @param stepNanosMax the longest of those steps
 * @param connectionsOpen connections accepted or connected and not yet closed
 * @param handshakesRefused failed handshakes whose step the offloader refused (a full pool)
 * @param handshakesTimedOut failed handshakes closed by the transport's handshake deadline
 * @param connectionsRefused connections a server closed as soon as it accepted them, because
 *     {@link TransportConfig#maxHandshakes()} handshakes were already in flight (not counted as
 *     opened, nor as failed handshakes)
 */
public record TransportStats(
        long handshakesCompleted,
        long handshakesFailed,
        int handshakesInFlight,
        long handshakesOffloaded,
        long handshakeSteps,
        long stepNanosTotal,
        long stepNanosMax,
        int connectionsOpen,
        long handshakesRefused,
        long handshakesTimedOut,
        long connectionsRefused) {
}
