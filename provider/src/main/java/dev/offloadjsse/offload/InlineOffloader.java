package dev.offloadjsse.offload;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloaderStats;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/** Runs each step on the calling thread: the baseline that offloading is measured against. */
public final class InlineOffloader implements HandshakeOffloader {

    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();

    @Override
    public CompletionStage<Void> run(Runnable step) {
        long start = System.nanoTime();
        try {
            step.run();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            busyNanos.addAndGet(System.nanoTime() - start);
            completed.incrementAndGet();
        }
    }

    @Override
    public String name() {
        return "inline";
    }

    @Override
    public OffloaderStats stats() {
        long done = completed.get();
        return new OffloaderStats(done, done, 0, 0, busyNanos.get());
    }

    @Override
    public void close() {
    }
}
