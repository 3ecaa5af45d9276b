package dev.offloadjsse.nio;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The transport's own handshake deadlines, kept on the loop. Every connection gets the same
 * timeout, so the order in which handshakes start is the order in which their deadlines pass: an
 * insertion-ordered map is the whole timer, with O(1) start, end and expiry and no timer thread.
 *
 * <p>Why the transport needs one although the engine has its own timeout: the engine frees its
 * state when its deadline passes, but reports that only from the next {@code wrap} or
 * {@code unwrap}. A connection waiting for a silent peer (a ClientHello and then nothing) or parked
 * on a step that hangs makes no such call, so without this it would hold its socket forever.
 */
final class HandshakeDeadline {

    /** What the deadline does to a connection whose handshake is still running when it passes. */
    interface Expiry {
        void handshakeDeadlinePassed();
    }

    private final long timeoutNanos;
    private final Map<Expiry, Long> deadlines = new LinkedHashMap<>();

    HandshakeDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** The handshake of {@code connection} starts now; on the loop only. */
    void start(Expiry connection) {
        deadlines.put(connection, System.nanoTime() + timeoutNanos);
    }

    /** The handshake has ended (completed or failed); on the loop only. */
    void end(Expiry connection) {
        deadlines.remove(connection);
    }

    /**
     * Expires every deadline that has passed at {@code now}.
     *
     * @return nanoseconds until the next deadline, or -1 when none is pending
     */
    long expire(long now) {
        while (!deadlines.isEmpty()) {
            Iterator<Map.Entry<Expiry, Long>> first = deadlines.entrySet().iterator();
            Map.Entry<Expiry, Long> next = first.next();
            long left = next.getValue() - now;
            if (left > 0) {
                return left;
            }
            first.remove();
            next.getKey().handshakeDeadlinePassed();
        }
        return -1;
    }

    int pending() {
        return deadlines.size();
    }
}
