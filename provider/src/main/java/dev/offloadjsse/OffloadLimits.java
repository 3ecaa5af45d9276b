package dev.offloadjsse;

import java.time.Duration;

/**
 * Bounds on what one connection may make the provider hold. {@link #fromSystemProperties()}
 * reads {@code offloadjsse.handshakeTimeoutMillis}, {@code offloadjsse.maxQueuedRecords},
 * {@code offloadjsse.maxHandshakeMessageSize} and {@code offloadjsse.maxPostHandshakeMessageSize}.
 *
 * @param handshakeTimeout a handshake not complete after this long is aborted and its state freed
 * @param maxQueuedRecords records an engine queues for one handshake step
 * @param maxHandshakeMessageSize largest handshake message (a certificate chain, say) accepted
 * @param maxPostHandshakeMessageSize largest post-handshake message (a session ticket) buffered
 */
public record OffloadLimits(Duration handshakeTimeout, int maxQueuedRecords, int maxHandshakeMessageSize,
        int maxPostHandshakeMessageSize) {

    public static final OffloadLimits DEFAULT = new OffloadLimits(Duration.ofSeconds(10), 64, 1 << 16, 1 << 17);

    public OffloadLimits {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("Handshake timeout must be positive: " + handshakeTimeout);
        }
        if (maxQueuedRecords < 1 || maxHandshakeMessageSize < 1024 || maxPostHandshakeMessageSize < 1024) {
            throw new IllegalArgumentException("Limits too small: " + maxQueuedRecords + " records, "
                    + maxHandshakeMessageSize + " and " + maxPostHandshakeMessageSize + " message bytes");
        }
    }

    public static OffloadLimits fromSystemProperties() {
        return new OffloadLimits(
                Duration.ofMillis(Long.getLong("offloadjsse.handshakeTimeoutMillis", DEFAULT.handshakeTimeout.toMillis())),
                Integer.getInteger("offloadjsse.maxQueuedRecords", DEFAULT.maxQueuedRecords),
                Integer.getInteger("offloadjsse.maxHandshakeMessageSize", DEFAULT.maxHandshakeMessageSize),
                Integer.getInteger("offloadjsse.maxPostHandshakeMessageSize", DEFAULT.maxPostHandshakeMessageSize));
    }
}
