package dev.offloadjsse.nio;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloadSSLEngine;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLEngine;

/**
 * Runs an engine's pending handshake step off the loop: an {@link OffloadSSLEngine} on its own
 * offloader, without blocking; any other engine by draining {@link SSLEngine#getDelegatedTask()}
 * on a worker of the fallback offloader.
 */
final class HandshakeSteps {

    private final HandshakeOffloader fallback;

    HandshakeSteps(HandshakeOffloader fallback) {
        this.fallback = fallback;
    }

    /** Completes when the step has run; the engine's status tells what comes next. */
    CompletionStage<?> run(SSLEngine engine) {
        if (engine instanceof OffloadSSLEngine offloadEngine) {
            return offloadEngine.runDelegatedTaskAsync();
        }
        return fallback.run(() -> {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        });
    }

    HandshakeOffloader offloaderFor(SSLEngine engine) {
        return engine instanceof OffloadSSLEngine offloadEngine ? offloadEngine.offloader() : fallback;
    }
}
