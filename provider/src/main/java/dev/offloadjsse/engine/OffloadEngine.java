package dev.offloadjsse.engine;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloadSSLEngine;
import dev.offloadjsse.handshake.Certificates;
import dev.offloadjsse.handshake.ClientAuth;
import dev.offloadjsse.handshake.DirectionKeys;
import dev.offloadjsse.handshake.HandshakeFailedException;
import dev.offloadjsse.handshake.HandshakeProgress;
import dev.offloadjsse.handshake.HandshakeRequest;
import dev.offloadjsse.handshake.HandshakeResult;
import dev.offloadjsse.handshake.HandshakeStep;
import dev.offloadjsse.handshake.Handshaker;
import dev.offloadjsse.record.AlertDescription;
import dev.offloadjsse.record.Alerts;
import dev.offloadjsse.record.ContentType;
import dev.offloadjsse.record.InboundRecord;
import dev.offloadjsse.record.PeerAlertException;
import dev.offloadjsse.record.RecordException;
import dev.offloadjsse.record.RecordFormat;
import dev.offloadjsse.record.RecordLayer;
import dev.offloadjsse.record.SessionTicketSink;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.SSLSession;

/**
 * The provider's SSLEngine. While handshaking it only frames records and queues them; each
 * delegated task runs one step of the offload component's {@link Handshaker}. When the
 * handshake's result arrives the engine installs the keys into its own {@link RecordLayer} and
 * drops the handshaker. All state is guarded by {@code this}; the handshake step itself runs
 * outside the lock so that {@code wrap} and {@code unwrap} never wait for handshake crypto.
 */
final class OffloadEngine extends OffloadSSLEngine {

    private static final ThreadLocal<ByteBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(RecordFormat.MAX_PACKET));
    private static final SecureRandom SESSION_IDS = new SecureRandom();

    private enum Phase { NEW, HANDSHAKING, ESTABLISHED, CLOSED }

    private final ContextState context;
    private final EngineSettings settings;
    private boolean protocolsSet;

    private Phase phase = Phase.NEW;
    private Handshaker handshaker;
    /** Records for the next step; exists only while handshaking (an idle connection keeps no handshake state). */
    private ArrayDeque<byte[]> inboundRecords;
    private boolean stepReady;
    private boolean stepRunning;
    /** A step is inside {@link Handshaker#step} on some thread: the handshaker must not be closed under it. */
    private boolean stepInFlight;
    private final OutboundRecords handshakeOutput = new OutboundRecords();
    private RecordLayer records;
    private OffloadSession handshakeSession;
    private OffloadSession session;
    private String applicationProtocol;
    private boolean finishedPending;
    private SSLException failure;
    private boolean failureThrown;
    private boolean outboundClosed;
    private boolean inboundDone;
    private boolean closeNotifyReceived;
    private BiFunction<SSLEngine, List<String>, String> alpnSelector;
    private java.util.concurrent.Future<?> deadline;

    OffloadEngine(ContextState context, String peerHost, int peerPort) {
        super(peerHost, peerPort);
        this.context = context;
        this.settings = new EngineSettings(ContextState.SUPPORTED_PROTOCOLS, context.namedGroups);
        this.session = OffloadSession.nullSession(peerHost, peerPort);
    }

    // ---- wrap -------------------------------------------------------------------------------

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        Buffers.checkArguments(srcs, offset, length, false, "Source");
        Buffers.checkDestination(dst);
        synchronized (this) {
            throwPendingFailure();
            if (phase == Phase.NEW && !outboundClosed) {
                startHandshake();
            }
            if (!handshakeOutput.isEmpty()) {
                int recordLength = handshakeOutput.nextRecordLength();
                if (dst.remaining() < recordLength) {
                    return result(Status.BUFFER_OVERFLOW, status(), 0, 0);
                }
                handshakeOutput.write(dst);
                return result(isOutboundDoneLocked() ? Status.CLOSED : Status.OK, finishedOrStatus(), 0, recordLength);
            }
            if (phase != Phase.ESTABLISHED) {
                return result(isOutboundDoneLocked() ? Status.CLOSED : Status.OK, status(), 0, 0);
            }
            try {
                if (records.hasControlToSend()) {
                    int recordLength = records.nextControlRecordLength();
                    if (dst.remaining() < recordLength) {
                        return result(Status.BUFFER_OVERFLOW, status(), 0, 0);
                    }
                    records.sealControl(dst);
                    releaseKeysIfClosed();
                    return result(isOutboundDoneLocked() ? Status.CLOSED : Status.OK, finishedOrStatus(), 0, recordLength);
                }
                if (finishedPending) {
                    finishedPending = false;
                    return result(Status.OK, HandshakeStatus.FINISHED, 0, 0);
                }
                if (outboundClosed) {
                    return result(Status.CLOSED, status(), 0, 0);
                }
                return wrapApplicationData(srcs, offset, length, dst);
            } catch (SSLException e) {
                throw failEstablished(e);
            }
        }
    }

    private SSLEngineResult wrapApplicationData(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst)
            throws SSLException {
        long available = Buffers.remaining(srcs, offset, length);
        if (available == 0) {
            return result(Status.OK, status(), 0, 0);
        }
        int chunk = (int) Math.min(available, maxFragment());
        int recordLength = records.recordLengthFor(chunk);
        if (dst.remaining() < recordLength) {
            return result(Status.BUFFER_OVERFLOW, status(), 0, 0);
        }
        ByteBuffer src = Buffers.holding(srcs, offset, length, chunk);
        if (src != null) {
            records.seal(ContentType.APPLICATION_DATA, src, chunk, dst);
        } else {
            Buffers.gather(srcs, offset, length, dst, dst.position() + records.plaintextStart(), chunk);
            records.seal(ContentType.APPLICATION_DATA, dst, chunk);
        }
        return result(Status.OK, status(), chunk, recordLength);
    }

    private int maxFragment() {
        int maximumPacket = settings.maximumPacketSize;
        if (maximumPacket <= 0) {
            return RecordFormat.MAX_PLAINTEXT;
        }
        return Math.max(1, Math.min(RecordFormat.MAX_PLAINTEXT, maximumPacket - records.recordLengthFor(0)));
    }

    // ---- unwrap -----------------------------------------------------------------------------

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (src == null) {
            throw new IllegalArgumentException("Source buffer is null");
        }
        Buffers.checkArguments(dsts, offset, length, true, "Destination");
        synchronized (this) {
            throwPendingFailure();
            if (inboundDone) {
                return result(Status.CLOSED, status(), 0, 0);
            }
            if (phase == Phase.NEW) {
                startHandshake();
            }
            if (finishedPending && handshakeOutput.isEmpty()) {
                finishedPending = false;
                return result(Status.OK, HandshakeStatus.FINISHED, 0, 0);
            }
            int recordLength;
            try {
                recordLength = RecordFormat.peekRecordLength(src);
            } catch (SSLProtocolException e) {
                throw failOnInput(e, AlertDescription.UNEXPECTED_MESSAGE);
            }
            if (recordLength < 0 || src.remaining() < recordLength) {
                return result(Status.BUFFER_UNDERFLOW, status(), 0, 0);
            }
            if (phase == Phase.HANDSHAKING) {
                return queueHandshakeRecord(src, recordLength);
            }
            if (phase == Phase.ESTABLISHED) {
                return unwrapRecord(src, recordLength, dsts, offset, length);
            }
            return result(Status.CLOSED, status(), 0, 0);
        }
    }

    /**
     * Queues one record for the next step. Handshake and ChangeCipherSpec records may queue up
     * behind each other; any other record only into an empty queue, because in TLS 1.3 a
     * protected record may be the peer's Finished or the application data that follows it, and
     * only the step can tell.
     */
    private SSLEngineResult queueHandshakeRecord(ByteBuffer src, int recordLength) throws SSLException {
        int type = RecordFormat.contentType(src);
        boolean handshakeOnly = type == ContentType.HANDSHAKE || type == ContentType.CHANGE_CIPHER_SPEC;
        if (!handshakeOnly && (stepReady || stepRunning)) {
            return result(Status.OK, status(), 0, 0);
        }
        int maxQueued = context.config.limits().maxQueuedRecords();
        if (inboundRecords.size() >= maxQueued) {
            throw failOnInput(new SSLProtocolException("More than " + maxQueued
                    + " handshake records arrived before the handshake could process them"), AlertDescription.UNEXPECTED_MESSAGE);
        }
        byte[] record = new byte[recordLength];
        src.get(record);
        inboundRecords.add(record);
        if (!stepRunning) {
            stepReady = true;
        }
        return result(Status.OK, status(), recordLength, 0);
    }

    private SSLEngineResult unwrapRecord(ByteBuffer src, int recordLength, ByteBuffer[] dsts, int offset, int length)
            throws SSLException {
        // Room is checked before decrypting, as SunJSSE does: a record opened twice would reuse its
        // nonce, which JDK 17's ChaCha20-Poly1305 refuses even for decryption (fuzz finding F1).
        int room = records.plaintextRoomFor(recordLength);
        if (Buffers.remaining(dsts, offset, length) < room) {
            return result(Status.BUFFER_OVERFLOW, status(), 0, 0);
        }
        boolean direct = dsts[offset].remaining() >= room;
        ByteBuffer out = direct ? dsts[offset] : SCRATCH.get().clear();
        int outStart = out.position();
        InboundRecord kind;
        try {
            kind = records.open(src, recordLength, out);
        } catch (SSLException e) {
            throw failEstablished(e);
        }
        session.accessed();
        switch (kind) {
            case APPLICATION_DATA:
                int produced = out.position() - outStart;
                if (!direct) {
                    out.flip();
                    Buffers.scatter(out, dsts, offset, length);
                }
                return result(Status.OK, status(), recordLength, produced);
            case CLOSE_NOTIFY:
                closeNotifyReceived = true;
                inboundDone = true;
                if (!records.isTls13()) {
                    // RFC 5246 §7.2.1: TLS 1.2 answers close_notify with its own; TLS 1.3 may half-close.
                    closeOutboundLocked();
                }
                releaseKeysIfClosed();
                return result(Status.CLOSED, status(), recordLength, 0);
            default:
                return result(Status.OK, status(), recordLength, 0);
        }
    }

    // ---- the handshake step -----------------------------------------------------------------

    @Override
    public synchronized Runnable getDelegatedTask() {
        if (!stepReady || stepRunning) {
            return null;
        }
        stepReady = false;
        stepRunning = true;
        Handshaker current = handshaker;
        return () -> runStep(current);
    }

    @Override
    public CompletionStage<HandshakeStatus> runDelegatedTaskAsync() {
        Runnable task = getDelegatedTask();
        if (task == null) {
            return CompletableFuture.completedFuture(getHandshakeStatus());
        }
        return context.config.offloader().run(task).handle((ignored, error) -> {
            if (error != null) {
                offloadRefused(error);
            }
            return getHandshakeStatus();
        });
    }

    @Override
    public HandshakeOffloader offloader() {
        return context.config.offloader();
    }

    private void runStep(Handshaker stepHandshaker) {
        List<byte[]> batch;
        synchronized (this) {
            if (handshaker != stepHandshaker) {
                stepRunning = false;
                return;
            }
            batch = new ArrayList<>(inboundRecords);
            inboundRecords.clear();
            stepInFlight = true;
        }
        HandshakeStep step = null;
        HandshakeFailedException failed = null;
        try {
            step = stepHandshaker.step(batch);
        } catch (HandshakeFailedException e) {
            failed = e;
        } catch (RuntimeException e) {
            failed = new HandshakeFailedException("Handshake step failed: " + e, new byte[0], AlertDescription.INTERNAL_ERROR, e);
        }
        synchronized (this) {
            stepRunning = false;
            stepInFlight = false;
            if (handshaker != stepHandshaker) {
                // Detached while it ran (timeout, close): closed only now, as BC's protocol is not thread-safe.
                stepHandshaker.close();
                return;
            }
            if (failed != null) {
                failHandshake(failed, alertFor(failed));
                return;
            }
            // A component whose output is not whole records is out of step with what the peer has: no key helps here.
            if (!RecordFormat.isWholeRecords(step.output())) {
                failHandshake(new SSLHandshakeException("The offload component's handshake output is not whole TLS records"),
                        Alerts.plaintext(true, AlertDescription.INTERNAL_ERROR));
                return;
            }
            handshakeOutput.add(step.output());
            if (step.result() != null) {
                if (step.recordsConsumed() < batch.size()) {
                    failCompleted(step.result(), new SSLProtocolException("Handshake records arrived after the handshake completed"),
                            AlertDescription.UNEXPECTED_MESSAGE);
                    return;
                }
                installOrFail(step.result());
            } else if (inboundRecords != null && !inboundRecords.isEmpty()) {
                stepReady = true;
            }
        }
    }

    /** The handshake did not complete in time: free its state; the next wrap or unwrap reports it. */
    private synchronized void handshakeTimedOut() {
        if (phase != Phase.HANDSHAKING) {
            return;
        }
        deadline = null;
        stepRunning = false;
        failHandshake(new SSLHandshakeException("The handshake did not complete within "
                + context.config.limits().handshakeTimeout().toMillis() + " ms"), componentAlert(AlertDescription.USER_CANCELED));
    }

    /** The records the component wrote for the peer if they are well formed, else the alert asked of it. */
    private byte[] alertFor(HandshakeFailedException failed) {
        if (failed.alertRecords().length > 0 && RecordFormat.isWholeRecords(failed.alertRecords())) {
            return failed.alertRecords();
        }
        return failed.alert() == HandshakeFailedException.NO_ALERT ? new byte[0]
                : componentAlert(failed.alert() >= 0 && failed.alert() < 256 ? failed.alert() : AlertDescription.INTERNAL_ERROR);
    }

    /**
     * The fatal alert that ends this handshake, written by the component (RFC 8446 §5 and §6: once
     * handshake traffic keys are in use, an alert is a protected record under the current write
     * key; RFC 5246 §7.1 likewise after ChangeCipherSpec). Those keys never leave the component,
     * so only it can write the alert; before they are in force it writes it in the clear.
     *
     * <p>Bouncy Castle's protocol is not thread-safe, so the component is asked only when no step
     * is inside it: a refused step never ran, and a failure found by a step is handled after the
     * step returned. While a step runs on another thread (the deadline fired, or unwrap found bad
     * input), nothing is sent: a plaintext alert after encryption has started is the unreadable
     * record this method exists to avoid, and waiting for the step would let a hung step hold
     * the connection past its deadline. The peer then sees the transport close.
     */
    private byte[] componentAlert(int alert) {
        byte[] records = fromComponent(current -> current.abort(alert));
        return records != null ? records : Alerts.plaintext(true, alert);
    }

    /**
     * What {@code write} has the component write (see {@link #componentAlert}): nothing while a
     * step is inside it or when it fails, {@code null} when it cannot write alerts itself.
     */
    private byte[] fromComponent(Function<Handshaker, byte[]> write) {
        if (handshaker == null || stepInFlight) {
            return new byte[0];
        }
        try {
            byte[] records = write.apply(handshaker);
            return records == null ? null : wholeRecordsOrNothing(records);
        } catch (RuntimeException e) {
            return new byte[0];
        }
    }

    private static byte[] wholeRecordsOrNothing(byte[] records) {
        return records != null && RecordFormat.isWholeRecords(records) ? records : new byte[0];
    }

    /**
     * The component finished but the owner cannot take the connection over. The component's write
     * state has moved past its final flight (the TLS 1.2 server's ChangeCipherSpec and Finished,
     * a TLS 1.3 client's Finished), so that flight goes out ahead of the alert, which the peer can
     * read only after it. The record layer never sealed anything, so no nonce is used twice.
     */
    private void failCompleted(HandshakeResult result, SSLException cause, int alert) {
        byte[] alertRecords = componentAlert(alert);
        handshakeOutput.add(wholeRecordsOrNothing(result.pendingOutput()));
        failHandshake(cause, alertRecords);
    }

    /** The result may come from another process: whatever is wrong with it fails this handshake alone. */
    private void installOrFail(HandshakeResult result) {
        try {
            install(result);
        } catch (RuntimeException e) {
            SSLHandshakeException failure = new SSLHandshakeException("Cannot install the handshake result: " + e);
            failure.initCause(e);
            failCompleted(result, failure, AlertDescription.INTERNAL_ERROR);
        }
    }

    private synchronized void offloadRefused(Throwable error) {
        if (!stepRunning) {
            return;
        }
        stepRunning = false;
        SSLHandshakeException refused = new SSLHandshakeException("The handshake offloader "
                + context.config.offloader().name() + " refused the handshake step: " + error.getMessage());
        refused.initCause(error);
        // The refused step never ran, so nothing is inside the component: it can write the alert now.
        failHandshake(refused, componentAlert(AlertDescription.INTERNAL_ERROR));
    }

    private void startHandshake() {
        if (!settings.clientModeSet) {
            throw new IllegalStateException("Client/server mode has not been set: call setUseClientMode() first");
        }
        phase = Phase.HANDSHAKING;
        OffloadSessionContext sessions = settings.clientMode ? context.clientSessions : context.serverSessions;
        OffloadSession hs = new OffloadSession(getPeerHost(), getPeerPort(), sessions);
        handshakeSession = hs;
        List<SNIServerName> serverNames = settings.clientMode ? settings.clientServerNames(getPeerHost()) : List.of();
        if (settings.clientMode) {
            hs.requestedServerNames(serverNames);
        }
        HandshakeRequest request = new HandshakeRequest(context.nextConnectionId(), settings.clientMode,
                settings.protocols, settings.cipherSuiteIds(), context.keyManager, context.trustManager, this,
                getPeerHost(), getPeerPort(), serverNames, settings.sniMatchers, settings.applicationProtocols,
                settings.clientAuth, settings.useCipherSuitesOrder, settings.clientMode ? null : alpnSelector,
                context.config.limits().maxHandshakeMessageSize(), settings.namedGroups, signatureSchemes(), resumptionKey(), id -> sessions.getSession(id) != null,
                new SessionProgress(hs));
        deadline = HandshakeDeadlines.schedule(context.config.limits().handshakeTimeout(), this::handshakeTimedOut);
        handshaker = context.handshakers.create(request);
        inboundRecords = new ArrayDeque<>(4);
        if (settings.clientMode) {
            stepReady = true;
        }
    }

    private void install(HandshakeResult result) {
        SupportedSuite suite = SupportedSuite.byId(result.cipherSuite());
        try {
            DirectionKeys read = settings.clientMode ? result.serverWrite() : result.clientWrite();
            DirectionKeys write = settings.clientMode ? result.clientWrite() : result.serverWrite();
            ResultCheck.check(result, suite);
            KeyLog.record(result);
            int maxMessage = context.config.limits().maxPostHandshakeMessageSize();
            records = suite.tls13
                    ? RecordLayer.tls13(suite.aead, suite.hmac, read.trafficSecret(), write.trafficSecret(),
                            settings.clientMode ? ticket -> session.ticketReceived(ticket) : SessionTicketSink.DISCARD, maxMessage)
                    : RecordLayer.tls12(suite.aead, read.key(), read.iv(), read.sequence(), write.key(), write.iv(),
                            write.sequence(), maxMessage);
        } catch (SSLException e) {
            failHandshake(e, new byte[0]);
            return;
        } finally {
            ResultCheck.destroySecrets(result);
        }
        session = establishedSession(result, suite);
        handshakeSession = null;
        applicationProtocol = result.applicationProtocol();
        // Added last: installOrFail's failCompleted writes it itself when anything before throws.
        handshakeOutput.add(result.pendingOutput());
        closeHandshaker();
        phase = Phase.ESTABLISHED;
        finishedPending = true;
    }

    /** A resumed session is the original one (RFC 5246 §7.3: same peer certificates and values). */
    private OffloadSession establishedSession(HandshakeResult result, SupportedSuite suite) {
        OffloadSessionContext sessions = settings.clientMode ? context.clientSessions : context.serverSessions;
        if (result.resumed()) {
            OffloadSession original = (OffloadSession) sessions.getSession(result.sessionId());
            if (original != null) {
                original.accessed();
                return original;
            }
        }
        OffloadSession established = handshakeSession;
        established.protocolSelected(result.protocol(), suite.name());
        established.id(result.sessionId().length > 0 ? result.sessionId() : randomSessionId());
        if (result.resumed()) {
            established.peerCertificates(parsedOrNone(result.peerCertificates()));
            established.localCertificates(parsedOrNone(result.localCertificates()));
        }
        if (settings.clientMode || !suite.tls13) {
            // A TLS 1.3 server session can never be resumed here (Bouncy Castle 1.84 offers no PSK), so it is not kept.
            sessions.add(established);
        }
        return established;
    }

    private int[] signatureSchemes() {
        if (settings.signatureSchemes != null) {
            return settings.signatureSchemes;
        }
        return settings.clientMode ? context.clientSignatureSchemes : context.serverSignatureSchemes;
    }

    /** A resumed session's chain, or none when unparseable: the handshake that first saw it verified it. */
    private static X509Certificate[] parsedOrNone(List<byte[]> chain) {
        try {
            return chain.isEmpty() ? null : Certificates.parse(chain);
        } catch (java.security.cert.CertificateException e) {
            return null;
        }
    }

    private String resumptionKey() {
        return settings.clientMode && getPeerHost() != null && getPeerPort() > 0 ? getPeerHost() + ":" + getPeerPort() : null;
    }

    private static byte[] randomSessionId() {
        byte[] id = new byte[32];
        SESSION_IDS.nextBytes(id);
        return id;
    }

    private void closeHandshaker() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        if (handshaker != null) {
            if (!stepInFlight) {
                handshaker.close();
            }
            handshaker = null;
        }
        stepReady = false;
        inboundRecords = null;
    }

    // ---- failures ---------------------------------------------------------------------------

    /**
     * A failed handshake: the alert records are written by the following wraps, then the engine is
     * closed. Handshake records not yet written stay ahead of the alert: a protected alert is
     * numbered after them, and the peer needs their keys to read it.
     */
    private void failHandshake(SSLException cause, byte[] alertRecords) {
        SSLException exception = cause instanceof SSLHandshakeException ? cause : handshakeException(cause);
        closeHandshaker();
        handshakeOutput.add(alertRecords);
        failure = exception;
        failureThrown = false;
        phase = Phase.CLOSED;
        outboundClosed = true;
        inboundDone = true;
        handshakeSession = null;
    }

    private static SSLHandshakeException handshakeException(SSLException cause) {
        SSLHandshakeException exception = new SSLHandshakeException(cause.getMessage());
        exception.initCause(cause);
        return exception;
    }

    /** Bad input before the record layer exists: fail now, with the component's alert. */
    private SSLException failOnInput(SSLException cause, int alert) {
        if (phase == Phase.ESTABLISHED) {
            return failEstablished(new RecordException(alert, cause.getMessage(), cause));
        }
        failHandshake(cause, componentAlert(alert));
        failureThrown = true;
        return failure;
    }

    /** A record-layer failure after the handshake: queue the alert (unless the peer sent one) and close. */
    private SSLException failEstablished(SSLException cause) {
        if (cause instanceof RecordException && records != null) {
            records.queueAlert(true, ((RecordException) cause).alert());
        }
        failure = cause;
        failureThrown = true;
        outboundClosed = true;
        inboundDone = true;
        releaseKeysIfClosed();
        return cause;
    }

    /** Once both directions are closed the keys are overwritten: a closed connection holds no secrets. */
    private void releaseKeysIfClosed() {
        if (phase == Phase.ESTABLISHED && inboundDone && isOutboundDoneLocked()) {
            records.destroy();
            phase = Phase.CLOSED;
        }
    }

    private void throwPendingFailure() throws SSLException {
        if (failure != null && !failureThrown) {
            failureThrown = true;
            throw failure;
        }
    }

    // ---- status -----------------------------------------------------------------------------

    @Override
    public synchronized HandshakeStatus getHandshakeStatus() {
        return status();
    }

    private HandshakeStatus status() {
        if (!handshakeOutput.isEmpty()) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (failure != null && !failureThrown) {
            // A failure with no alert to send (a step was inside the component): wrap reports it.
            return HandshakeStatus.NEED_WRAP;
        }
        if (phase == Phase.ESTABLISHED && records.hasControlToSend()) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (stepReady || stepRunning) {
            return HandshakeStatus.NEED_TASK;
        }
        if (finishedPending) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (phase == Phase.HANDSHAKING) {
            return HandshakeStatus.NEED_UNWRAP;
        }
        return HandshakeStatus.NOT_HANDSHAKING;
    }

    /** FINISHED exactly once: on the call that leaves nothing of the handshake to write. */
    private HandshakeStatus finishedOrStatus() {
        if (finishedPending && handshakeOutput.isEmpty()) {
            finishedPending = false;
            return HandshakeStatus.FINISHED;
        }
        return status();
    }

    private static SSLEngineResult result(Status status, HandshakeStatus handshakeStatus, int consumed, int produced) {
        return new SSLEngineResult(status, handshakeStatus, consumed, produced);
    }

    // ---- lifecycle --------------------------------------------------------------------------

    @Override
    public synchronized void beginHandshake() throws SSLException {
        throwPendingFailure();
        if (outboundClosed || inboundDone) {
            throw new SSLException("Cannot begin a handshake: the engine is closed");
        }
        switch (phase) {
            case NEW:
                startHandshake();
                break;
            case ESTABLISHED:
                if (!records.isTls13()) {
                    throw new SSLHandshakeException("TLS 1.2 renegotiation is not supported by OffloadJSSE");
                }
                // As SunJSSE does: a new handshake on a TLS 1.3 connection is a KeyUpdate (RFC 8446 §4.6.3).
                records.requestKeyUpdate(true);
                break;
            default:
                break;
        }
    }

    @Override
    public synchronized void closeOutbound() {
        closeOutboundLocked();
    }

    private void closeOutboundLocked() {
        if (outboundClosed) {
            return;
        }
        outboundClosed = true;
        switch (phase) {
            case NEW:
                phase = Phase.CLOSED;
                inboundDone = true;
                break;
            case HANDSHAKING:
                // Abandon the handshake. Its keys stay in the component, so the component writes user_canceled
                // and close_notify, protected once encryption has started; after the records it already wrote.
                // Not while a step is inside it (see componentAlert): then the transport just closes.
                byte[] cancel = fromComponent(Handshaker::cancel);
                if (cancel != null) {
                    handshakeOutput.add(cancel);
                } else {
                    handshakeOutput.add(Alerts.plaintext(false, AlertDescription.USER_CANCELED));
                    handshakeOutput.add(Alerts.plaintext(false, AlertDescription.CLOSE_NOTIFY));
                }
                closeHandshaker();
                stepRunning = false;
                handshakeSession = null;
                phase = Phase.CLOSED;
                inboundDone = true;
                break;
            case ESTABLISHED:
                records.queueAlert(false, AlertDescription.CLOSE_NOTIFY);
                break;
            default:
                break;
        }
    }

    @Override
    public synchronized boolean isOutboundDone() {
        return isOutboundDoneLocked();
    }

    private boolean isOutboundDoneLocked() {
        return outboundClosed && handshakeOutput.isEmpty() && (records == null || !records.hasControlToSend());
    }

    @Override
    public synchronized void closeInbound() throws SSLException {
        if (inboundDone) {
            return;
        }
        inboundDone = true;
        boolean truncated = phase != Phase.NEW && !closeNotifyReceived;
        closeOutboundLocked();
        releaseKeysIfClosed();
        if (truncated) {
            throw new SSLException("Inbound closed before receiving the peer's close_notify: possible truncation attack");
        }
    }

    @Override
    public synchronized boolean isInboundDone() {
        return inboundDone;
    }

    // ---- sessions and settings --------------------------------------------------------------

    @Override
    public synchronized SSLSession getSession() {
        return session;
    }

    @Override
    public synchronized SSLSession getHandshakeSession() {
        return handshakeSession;
    }

    @Override
    public synchronized String getApplicationProtocol() {
        return applicationProtocol;
    }

    @Override
    public synchronized String getHandshakeApplicationProtocol() {
        return handshakeSession == null ? null : handshakeSession.handshakeApplicationProtocol();
    }

    @Override
    public synchronized void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        alpnSelector = selector;
    }

    @Override
    public synchronized BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return alpnSelector;
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return SupportedSuite.names();
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return settings.cipherSuiteNames();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        settings.cipherSuites = EngineSettings.suites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return ContextState.SUPPORTED_PROTOCOLS.toArray(new String[0]);
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return settings.protocols.toArray(new String[0]);
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        settings.protocols = EngineSettings.protocols(protocols);
        protocolsSet = true;
    }

    @Override
    public synchronized void setUseClientMode(boolean mode) {
        if (phase != Phase.NEW) {
            throw new IllegalArgumentException("Cannot change client/server mode after the handshake has started");
        }
        settings.clientMode = mode;
        settings.clientModeSet = true;
        if (!protocolsSet) {
            settings.protocols = mode ? context.clientDefaultProtocols : ContextState.SUPPORTED_PROTOCOLS;
        }
    }

    @Override
    public synchronized boolean getUseClientMode() {
        return settings.clientMode;
    }

    @Override
    public synchronized void setNeedClientAuth(boolean need) {
        settings.clientAuth = need ? ClientAuth.NEED : ClientAuth.NONE;
    }

    @Override
    public synchronized boolean getNeedClientAuth() {
        return settings.clientAuth == ClientAuth.NEED;
    }

    @Override
    public synchronized void setWantClientAuth(boolean want) {
        settings.clientAuth = want ? ClientAuth.WANT : ClientAuth.NONE;
    }

    @Override
    public synchronized boolean getWantClientAuth() {
        return settings.clientAuth == ClientAuth.WANT;
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean flag) {
        settings.enableSessionCreation = flag;
    }

    @Override
    public synchronized boolean getEnableSessionCreation() {
        return settings.enableSessionCreation;
    }

    @Override
    public synchronized SSLParameters getSSLParameters() {
        return settings.toParameters();
    }

    @Override
    public synchronized void setSSLParameters(SSLParameters parameters) {
        settings.apply(parameters);
        if (parameters.getProtocols() != null) {
            protocolsSet = true;
        }
    }

    @Override
    public String toString() {
        return "OffloadEngine[" + (settings.clientMode ? "client" : "server") + ", " + phase + ", peer "
                + getPeerHost() + ":" + getPeerPort() + "]";
    }

    /** Keeps the handshake session accurate while the offload component runs. */
    private static final class SessionProgress implements HandshakeProgress {
        private final OffloadSession session;

        SessionProgress(OffloadSession session) {
            this.session = session;
        }

        @Override
        public void protocolSelected(String protocol, int cipherSuite) {
            session.protocolSelected(protocol, SupportedSuite.nameOf(cipherSuite));
        }

        @Override
        public void serverNamesReceived(List<SNIServerName> serverNames) {
            session.requestedServerNames(serverNames);
        }

        @Override
        public void peerCertificatesReceived(X509Certificate[] chain) {
            session.peerCertificates(chain);
        }

        @Override
        public void localCertificatesChosen(X509Certificate[] chain) {
            session.localCertificates(chain);
        }

        @Override
        public void applicationProtocolSelected(String protocol) {
            session.handshakeApplicationProtocol(protocol);
        }

        @Override
        public void servedBy(String component) {
            session.putValue(OffloadSession.SERVED_BY, component);
        }
    }
}
