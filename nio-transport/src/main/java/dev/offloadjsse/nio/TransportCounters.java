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
    private final LongAdder refused = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();

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

    /** A failed handshake (also counted by {@link #connectionClosed}) whose step the offloader refused. */
    void handshakeRefused() {
        refused.increment();
    }

    /** A failed handshake (also counted by {@link #connectionClosed}) that the transport's deadline ended. */
    void handshakeTimedOut() {
        timedOut.increment();
    }

    /** A connection closed on accept, never opened. */
    void connectionRefused() {
        connectionsRefused.increment();
    }

    int handshakesInFlight() {
        return inFlight.get();
    }

    TransportStats snapshot() {
        return new TransportStats(completed.sum(), failed.sum(), inFlight.get(), offloaded.sum(),
                steps.sum(), stepNanos.sum(), maxStepNanos.get(), open.get(), refused.sum(), timedOut.sum(),
                connectionsRefused.sum());
    }
}
