package dev.offloadjsse.nio;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloaderStats;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/** An offloader that is always full, as {@link HandshakeOffloader#run} allows. */
final class RefusingOffloader implements HandshakeOffloader {

    @Override
    public CompletionStage<Void> run(Runnable step) {
        return CompletableFuture.failedFuture(new RejectedExecutionException("full (test)"));
    }

    @Override
    public String name() {
        return "refusing";
    }

    @Override
    public OffloaderStats stats() {
        return new OffloaderStats(0, 0, 0, 0, 0);
    }

    @Override
    public void close() {
    }
}
