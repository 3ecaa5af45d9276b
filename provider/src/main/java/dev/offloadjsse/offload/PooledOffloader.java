package dev.offloadjsse.offload;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloaderStats;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed pool of daemon threads with a bounded queue. A step that finds the queue full is
 * refused at once (the stage fails with {@link RejectedExecutionException}) so that a flood of
 * handshakes cannot grow memory without bound.
 */
public final class PooledOffloader implements HandshakeOffloader {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor executor;
    private final int threads;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();

    public PooledOffloader(int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threads and queue capacity must be positive: "
                    + threads + ", " + queueCapacity);
        }
        this.threads = threads;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), daemonThreads(), new ThreadPoolExecutor.AbortPolicy());
    }

    /** A pool with one thread per core and a queue of 1024 steps per thread. */
    public static PooledOffloader sizedToCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new PooledOffloader(cores, 1024 * cores);
    }

    @Override
    public CompletionStage<Void> run(Runnable step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            executor.execute(() -> runTimed(step, done));
            submitted.incrementAndGet();
        } catch (RejectedExecutionException e) {
            rejected.incrementAndGet();
            done.completeExceptionally(new RejectedExecutionException(
                    "handshake offload pool " + name() + " is full or closed (queue capacity "
                            + (executor.getQueue().size() + executor.getQueue().remainingCapacity()) + ")", e));
        }
        return done;
    }

    private void runTimed(Runnable step, CompletableFuture<Void> done) {
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            step.run();
        } catch (Throwable t) {
            failure = t;
        }
        // Count before completing, so that whoever the stage wakes sees its own step in the stats.
        busyNanos.addAndGet(System.nanoTime() - start);
        completed.incrementAndGet();
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
    }

    @Override
    public String name() {
        return "pool(" + threads + ")";
    }

    @Override
    public OffloaderStats stats() {
        return new OffloaderStats(submitted.get(), completed.get(), rejected.get(),
                executor.getQueue().size(), busyNanos.get());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "offload-jsse-" + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
