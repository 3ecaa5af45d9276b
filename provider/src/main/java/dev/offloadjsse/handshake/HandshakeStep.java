package dev.offloadjsse.handshake;

/**
 * What one step of the handshake produced.
 *
 * @param output records to write to the peer (possibly empty)
 * @param recordsConsumed how many of the offered records were processed; fewer than offered
 *     only when the handshake completed before the rest
 * @param result the completion response, or null while the handshake goes on
 */
public record HandshakeStep(byte[] output, int recordsConsumed, HandshakeResult result) {
}
