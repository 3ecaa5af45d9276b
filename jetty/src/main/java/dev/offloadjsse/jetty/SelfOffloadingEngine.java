package dev.offloadjsse.jetty;

import dev.offloadjsse.OffloadSSLEngine;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * engine's offloader ({@link OffloadSSLEngine#runDelegatedTaskAsync()}), reports
 * {@code NEED_UNWRAP} while the step runs — the owner then waits for input, as it would for the
 * peer's next flight — and calls {@code resume} when the step is done, so that the owner looks at
 * the engine again.
 *
 * <p>An owner that runs the task itself calls {@code wrap} or {@code unwrap} right after it, and
 * that call reports a failed step ({@code SSLHandshakeException}); only the calls after it write
 * the alert. So until the owner has made that call after a step, this view shows the inbound side
 * open: an owner that first asks {@link #isInboundDone()} (Jetty closes at once when it is) would
 * otherwise close, meet the exception in its closing {@code wrap}, and never send the alert.
 * Everything else is the engine's own.
 */
public final class SelfOffloadingEngine extends SSLEngine {

    private final OffloadSSLEngine engine;
    private final AtomicBoolean stepRunning = new AtomicBoolean();
    private volatile boolean stepOutcomeUnseen;
    private volatile Runnable resume = () -> { };

    SelfOffloadingEngine(OffloadSSLEngine engine) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
    }

    /**
     * What to call when a step is done: it runs on the offloader's thread and must hand the work
     * over to the owner's threads. Set before the owner first uses this engine.
     */
    void resumeWith(Runnable resume) {
        this.resume = resume;
    }

    /** The engine this is a view of. */
    public OffloadSSLEngine engine() {
        return engine;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        stepOutcomeUnseen = false;
        return withoutTask(engine.wrap(srcs, offset, length, dst));
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        stepOutcomeUnseen = false;
        return withoutTask(engine.unwrap(src, dsts, offset, length));
    }

    @Override
    public HandshakeStatus getHandshakeStatus() {
        return withoutTask(engine.getHandshakeStatus());
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
            if (!stepRunning.compareAndSet(false, true)) {
                return HandshakeStatus.NEED_UNWRAP;
            }
            CompletableFuture<HandshakeStatus> step = engine.runDelegatedTaskAsync().toCompletableFuture();
            if (!step.isDone()) {
                step.whenComplete((after, neverFails) -> {
                    stepOutcomeUnseen = true;
                    stepRunning.set(false);
                    resume.run();
                });
                return HandshakeStatus.NEED_UNWRAP;
            }
            // An inline offloader ran the step in the call: the caller can go on at once.
            stepOutcomeUnseen = true;
            stepRunning.set(false);
            status = engine.getHandshakeStatus();
        }
        return status;
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
