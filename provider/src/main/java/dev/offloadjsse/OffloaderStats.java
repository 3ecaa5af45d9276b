package dev.offloadjsse;

/**
 * A snapshot of an offloader's counters.
 *
 * @param submitted steps accepted
 * @param completed steps that have run to their end (normally or with an exception)
 * @param rejected steps refused because the offloader was full or closed
 * @param queued steps waiting for a thread at the moment of the snapshot
 * @param busyNanos total time spent running steps
 */
public record OffloaderStats(long submitted, long completed, long rejected, int queued, long busyNanos) {
}
