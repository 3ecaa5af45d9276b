package dev.offloadjsse.nio;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportStats}; written on the loop, read from anywhere. */
final class TransportCounters {

    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder offloaded = new LongAdder();
    private final LongAdder steps = new LongAdder();
    private final LongAdder stepNanos = new LongAdder();
    private final AtomicLong maxStepNanos = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();

    void connectionOpened() {
        open.incrementAndGet();
        inFlight.incrementAndGet();
    }

    void handshakeOffloaded() {
        offloaded.increment();
    }

    void stepRan(long nanos) {
        steps.increment();
        stepNanos.add(nanos);
        maxStepNanos.accumulateAndGet(nanos, Math::max);
    }

    void handshakeCompleted() {
        inFlight.decrementAndGet();
        completed.increment();
    }

    void connectionClosed(boolean duringHandshake) {
        if (duringHandshake) {
            inFlight.decrementAndGet();
            failed.increment();
        }
        open.decrementAndGet();
    }

    TransportStats snapshot() {
        return new TransportStats(completed.sum(), failed.sum(), inFlight.get(), offloaded.sum(),
                steps.sum(), stepNanos.sum(), maxStepNanos.get(), open.get());
    }
}
