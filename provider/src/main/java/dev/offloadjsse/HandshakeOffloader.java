package dev.offloadjsse;

import java.util.concurrent.CompletionStage;

/**
 * The offload component's executor: runs one handshake step somewhere other than the caller's
 * I/O thread. Implementations must not block the submitting thread; when they cannot accept a
 * step (a full queue, a stopped pool) the returned stage fails at once, typically with a
 * {@link java.util.concurrent.RejectedExecutionException}.
 */
public interface HandshakeOffloader extends AutoCloseable {

    /** Runs {@code step}; the stage completes when it has run (normally or not). */
    CompletionStage<Void> run(Runnable step);

    /** A short name for reports and logs, for example {@code pool(2)}. */
    String name();

    /** Counters of what this offloader has done so far. */
    OffloaderStats stats();

    @Override
    void close();
}
