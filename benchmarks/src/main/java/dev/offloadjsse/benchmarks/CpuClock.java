package dev.offloadjsse.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The calling thread's CPU time, corrected for the cost of reading it: a reading costs about a
 * microsecond here, which is not small next to a native handshake's few hundred.
 */
final class CpuClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int CALIBRATION_READINGS = 10_001;

    /** What an interval over-counts: the median CPU time between two back-to-back readings. */
    static final long OVERHEAD_NANOS = calibrate();

    private CpuClock() {
    }

    static long now() {
        return THREADS.getCurrentThreadCpuTime();
    }

    static long since(long start) {
        return Math.max(0, now() - start - OVERHEAD_NANOS);
    }

    private static long calibrate() {
        long[] deltas = new long[CALIBRATION_READINGS];
        for (int i = 0; i < deltas.length; i++) {
            long start = now();
            deltas[i] = now() - start;
        }
        Arrays.sort(deltas);
        return deltas[deltas.length / 2];
    }
}
