package dev.offloadjsse.benchmarks;

import java.lang.management.ManagementFactory;

/** The calling thread's heap allocation counter; reading it allocates nothing. */
final class AllocatedBytes {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocatedBytes() {
    }

    static long now() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    static long since(long start) {
        return now() - start;
    }
}
