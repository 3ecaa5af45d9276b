package dev.offloadjsse;

import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * The provider's {@link SSLEngine}. Besides the standard contract ({@code NEED_TASK} and
 * {@link #getDelegatedTask()}) it offers an asynchronous form for owners that must never block:
 * {@link #runDelegatedTaskAsync()} hands the pending handshake step to the engine's
 * {@link HandshakeOffloader} and completes once the handshake status has changed.
 */
public abstract class OffloadSSLEngine extends SSLEngine {

    protected OffloadSSLEngine() {
    }

    protected OffloadSSLEngine(String peerHost, int peerPort) {
        super(peerHost, peerPort);
    }

    /**
     * Runs the pending delegated task, if any, on this engine's offloader. The stage completes
     * with the handshake status after the step (never {@code NEED_TASK} unless another step is
     * ready); it completes at once with the current status when no task is pending. A failure of
     * the step does not fail the stage: as with {@link #getDelegatedTask()}, it is reported by the
     * next {@code wrap} or {@code unwrap} as an {@link javax.net.ssl.SSLHandshakeException}. A
     * step the offloader refuses (queue full) fails the handshake the same way.
     */
    public abstract CompletionStage<HandshakeStatus> runDelegatedTaskAsync();

    /** The offloader that {@link #runDelegatedTaskAsync()} uses. */
    public abstract HandshakeOffloader offloader();
}
