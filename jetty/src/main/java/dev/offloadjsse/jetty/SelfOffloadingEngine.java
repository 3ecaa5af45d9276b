package dev.offloadjsse.jetty;

import dev.offloadjsse.OffloadSSLEngine;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An OffloadJSSE engine as seen by an owner that would run {@code NEED_TASK} inline: it never
 * reports {@code NEED_TASK}. When the engine has a handshake step ready, this view hands it to the
 * engine's offloader ({@link OffloadSSLEngine#runDelegatedTaskAsync()}) and reports
 * {@code NEED_UNWRAP} while the step runs. An owner about to wait for input asks
 * {@link #wakeAfterStep} first: while a step runs, or when one has finished since, it must wait
 * for that wake-up rather than for the network, which may stay silent (the peer waits for the
 * step's answer, or its next bytes were already read and are waiting in the owner's buffer).
 *
 * <p>Two more things keep the owner's view of the handshake what it would be with the task run
 * inline, when the owner's next call after the task is a {@code wrap} or {@code unwrap}:
 * <ul>
 *   <li>That call reports a failed step ({@code SSLHandshakeException}); only the calls after it
 *       write the alert. So until the owner has made it, this view shows the inbound side open:
 *       an owner that first asks {@link #isInboundDone()} (Jetty closes at once when it is)
 *       would otherwise close, meet the exception in its closing {@code wrap}, and send no alert.
 *   <li>An {@code unwrap} that only reports {@code FINISHED} (a step completed the handshake
 *       while the owner was on its way to unwrap) consumes and produces nothing, which Jetty
 *       takes for a buffer underflow, dropping the {@code FINISHED}. This view reports
 *       {@code NEED_WRAP} instead and hands the {@code FINISHED} to the next {@code wrap}.
 * </ul>
 * Everything else is the engine's own.
 */
public final class SelfOffloadingEngine extends SSLEngine {

    private final OffloadSSLEngine engine;
    private final Object stepLock = new Object();
    private boolean stepRunning;
    private Runnable wakeWhenStepDone;
    /** A step finished while nobody waited for it: the next {@link #wakeAfterStep} wakes at once. */
    private boolean wakeOwed;
    private volatile boolean stepOutcomeUnseen;
    private volatile boolean finishedOwed;

    SelfOffloadingEngine(OffloadSSLEngine engine) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
    }

    /** The engine this is a view of. */
    public OffloadSSLEngine engine() {
        return engine;
    }

    /**
     * For an owner about to wait for input: if a step is running, {@code wake} is called when it
     * is done (on the offloader's thread); if one has finished since the last call and nobody
     * was woken for it, {@code wake} is called now. Either way the answer is {@code true} and the
     * owner should look at the engine again when woken; {@code false}: no step to wait for.
     */
    boolean wakeAfterStep(Runnable wake) {
        synchronized (stepLock) {
            if (stepRunning) {
                wakeWhenStepDone = wake;
                return true;
            }
            if (!wakeOwed) {
                return false;
            }
            wakeOwed = false;
        }
        wake.run();
        return true;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        stepOutcomeUnseen = false;
        SSLEngineResult result = withoutTask(engine.wrap(srcs, offset, length, dst));
        if (finishedOwed) {
            finishedOwed = false;
            return new SSLEngineResult(result.getStatus(), HandshakeStatus.FINISHED, result.bytesConsumed(), result.bytesProduced());
        }
        return result;
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        stepOutcomeUnseen = false;
        SSLEngineResult result = withoutTask(engine.unwrap(src, dsts, offset, length));
        if (result.getHandshakeStatus() == HandshakeStatus.FINISHED && result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
            finishedOwed = true;
            return new SSLEngineResult(result.getStatus(), HandshakeStatus.NEED_WRAP, 0, 0);
        }
        return result;
    }

    @Override
    public HandshakeStatus getHandshakeStatus() {
        return finishedOwed ? HandshakeStatus.NEED_WRAP : withoutTask(engine.getHandshakeStatus());
    }

    /** Always {@code null}: the steps run on the engine's offloader, never on the caller. */
    @Override
    public Runnable getDelegatedTask() {
        return null;
    }

    @Override
    public void beginHandshake() throws SSLException {
        engine.beginHandshake();
        withoutTask(engine.getHandshakeStatus());
    }

    private SSLEngineResult withoutTask(SSLEngineResult result) {
        HandshakeStatus status = result.getHandshakeStatus();
        HandshakeStatus shown = withoutTask(status);
        return shown == status ? result
                : new SSLEngineResult(result.getStatus(), shown, result.bytesConsumed(), result.bytesProduced());
    }

    private HandshakeStatus withoutTask(HandshakeStatus status) {
        while (status == HandshakeStatus.NEED_TASK) {
            synchronized (stepLock) {
                if (stepRunning) {
                    return HandshakeStatus.NEED_UNWRAP;
                }
                stepRunning = true;
            }
            CompletableFuture<HandshakeStatus> step = engine.runDelegatedTaskAsync().toCompletableFuture();
            if (!step.isDone()) {
                step.whenComplete((after, neverFails) -> stepDone(true));
                return HandshakeStatus.NEED_UNWRAP;
            }
            // An inline offloader ran the step in the call: the caller goes on at once, unwoken.
            stepDone(false);
            status = engine.getHandshakeStatus();
        }
        return status;
    }

    private void stepDone(boolean ranElsewhere) {
        Runnable wake;
        synchronized (stepLock) {
            stepOutcomeUnseen = true;
            stepRunning = false;
            wake = wakeWhenStepDone;
            wakeWhenStepDone = null;
            wakeOwed = ranElsewhere && wake == null;
        }
        if (wake != null) {
            wake.run();
        }
    }

    @Override
    public void closeInbound() throws SSLException {
        engine.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return !stepOutcomeUnseen && engine.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        engine.setSSLParameters(parameters);
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return engine.getHandshakeApplicationProtocolSelector();
    }

    @Override
    public String toString() {
        return "SelfOffloadingEngine[" + engine + "]";
    }
}
