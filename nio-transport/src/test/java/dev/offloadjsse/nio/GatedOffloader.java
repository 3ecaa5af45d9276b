package dev.offloadjsse.nio;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloaderStats;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** An offloader whose steps can be held back, to keep a handshake parked for as long as a test needs. */
final class GatedOffloader implements HandshakeOffloader {

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** Steps submitted from now on wait until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** Steps that are waiting at the gate. */
    int waiting() {
        return waiting.get();
    }

    @Override
    public CompletionStage<Void> run(Runnable step) {
        CountDownLatch stepGate = gate;
        return CompletableFuture.runAsync(() -> {
            waiting.incrementAndGet();
            try {
                stepGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the gate", e);
            } finally {
                waiting.decrementAndGet();
            }
            step.run();
        }, workers);
    }

    @Override
    public String name() {
        return "gated";
    }

    @Override
    public OffloaderStats stats() {
        return new OffloaderStats(0, 0, 0, waiting(), 0);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
