package dev.offloadjsse.nio;

import dev.offloadjsse.HandshakeOffloader;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.SSLSession;

/**
 * One TLS connection on a transport's loop. The loop drives the engine: it reads and writes the
 * socket, unwraps one record at a time and wraps queued plaintext while that makes progress, and
 * parks the connection (no interest in the socket) while a handshake step runs off the loop.
 *
 * <p>{@link #write} and {@link #close} may be called from any thread; everything else about the
 * connection happens on the loop.
 */
public final class TlsConnection {

    private enum State { HANDSHAKING, OPEN, CLOSED }

    private static final System.Logger LOG = System.getLogger(TlsConnection.class.getName());
    private static final ByteBuffer NO_PLAINTEXT = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /**
     * The most a connection buffers from the socket without a complete record in it: a TLS record
     * is at most 2^14 + 2048 bytes plus header (RFC 5246 §6.2.3), so four times the engine's packet
     * size is only reached by a peer that lies about record lengths or an engine that stopped
     * consuming.
     */
    private static final int MAX_NET_IN_PACKETS = 4;

    private final Transport transport;
    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ConnectionHandler handler;
    private final SocketAddress remoteAddress;
    private final CompletableFuture<TlsConnection> opened = new CompletableFuture<>();
    private final ArrayDeque<ByteBuffer> outgoing = new ArrayDeque<>();
    private final SelectionKey key;
    /** This connection in the transport's deadline map: one object, so that start and end match. */
    private final HandshakeDeadline.Expiry deadline = this::handshakeDeadlinePassed;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private volatile State state = State.HANDSHAKING;
    private boolean parked;
    private boolean closeRequested;
    private boolean outboundClosed;
    private boolean advancing;
    private boolean offloaded;
    /** Plaintext bytes in {@link #outgoing}; written on the loop, read anywhere. */
    private volatile long pendingWriteBytes;

    private TlsConnection(Transport transport, SocketChannel channel, SSLEngine engine, ConnectionHandler handler)
            throws IOException {
        this.transport = transport;
        this.channel = channel;
        this.engine = engine;
        this.handler = handler;
        this.remoteAddress = channel.getRemoteAddress();
        SSLSession session = engine.getSession();
        this.netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        this.netOut = ByteBuffer.allocate(session.getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
        int ops = channel.isConnectionPending() ? SelectionKey.OP_CONNECT : 0;
        this.key = transport.loop().register(channel, ops, new Registrant());
    }

    /**
     * Takes over a non-blocking channel, connected or with a connection pending; on the loop only.
     * The handshake starts as soon as the channel is connected.
     */
    static TlsConnection start(Transport transport, SocketChannel channel, SSLEngine engine,
            ConnectionHandler handler) throws IOException {
        TlsConnection connection = new TlsConnection(transport, channel, engine, handler);
        transport.counters().connectionOpened();
        transport.deadlines().start(connection.deadline);
        if (!channel.isConnectionPending()) {
            try {
                connection.beginHandshake();
            } catch (IOException e) {
                connection.fail(e); // counted and closed like any failed handshake, not leaked to the caller
            }
        }
        return connection;
    }

    /** Completes when the handshake has, or fails when the connection closes before that. */
    CompletableFuture<TlsConnection> opened() {
        return opened;
    }

    /** Queues a copy of {@code data}'s remaining bytes (consuming them); ignored after close. */
    public void write(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
        transport.loop().runOnLoop(() -> {
            if (closeRequested || state == State.CLOSED) {
                LOG.log(System.Logger.Level.DEBUG, "write after close ignored ({0} bytes)", copy.remaining());
                return;
            }
            outgoing.add(copy);
            pendingWriteBytes += copy.remaining();
            advance();
        });
    }

    /**
     * Closes after the queued plaintext: closes the engine's outbound side, flushes close_notify
     * and closes the socket, without waiting for the peer's close_notify.
     */
    public void close() {
        transport.loop().runOnLoop(() -> {
            closeRequested = true;
            advance();
        });
    }

    /**
     * Starts a new handshake on an established connection: with TLS 1.3 engines (SunJSSE's and
     * OffloadJSSE's) this sends a KeyUpdate that asks the peer to update its keys too (RFC 8446
     * §4.6.3). A failure closes the connection.
     */
    public void updateKeys() {
        transport.loop().runOnLoop(() -> {
            if (state != State.OPEN || closeRequested) {
                return;
            }
            try {
                engine.beginHandshake();
            } catch (SSLException e) {
                fail(e);
                return;
            }
            advance();
        });
    }

    /**
     * Plaintext queued by {@link #write} and not yet taken by the engine. While it is at least
     * {@link TransportConfig#maxPendingWriteBytes()} the transport does not read from the peer.
     */
    public long pendingWriteBytes() {
        return pendingWriteBytes;
    }

    /** Whether the handshake has completed and the connection is not closed yet. */
    public boolean isOpen() {
        return state == State.OPEN;
    }

    public SSLSession session() {
        return engine.getSession();
    }

    public SSLEngine engine() {
        return engine;
    }

    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The offloader that runs this connection's handshake steps. */
    public HandshakeOffloader offloader() {
        return transport.steps().offloaderFor(engine);
    }

    /** The counters of the server or client that this connection belongs to. */
    public TransportStats transportStats() {
        return transport.counters().snapshot();
    }

    private void beginHandshake() throws IOException {
        engine.beginHandshake();
        advance();
    }

    private void onReady(int readyOps) {
        try {
            if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
                channel.finishConnect();
                beginHandshake();
                return;
            }
            if ((readyOps & SelectionKey.OP_READ) != 0 && readSocket() < 0) {
                endOfInput();
                return;
            }
            advance();
        } catch (IOException e) {
            fail(e);
        }
    }

    private int readSocket() throws IOException {
        if (!netIn.hasRemaining()) {
            netIn = enlargeNetIn();
        }
        return channel.read(netIn);
    }

    /** A full input buffer that holds no complete record grows, but only up to its bound. */
    private ByteBuffer enlargeNetIn() throws SSLException {
        int packet = engine.getSession().getPacketBufferSize();
        int bound = MAX_NET_IN_PACKETS * Math.max(packet, 16709);
        if (netIn.capacity() >= bound) {
            throw new SSLProtocolException("more than " + bound + " bytes from " + remoteAddress
                    + " without a complete TLS record");
        }
        return enlarge(netIn, Math.min(bound, Math.max(packet, netIn.capacity() * 2)));
    }

    /** Drives the engine until nothing moves, then says what to wait for. Never re-entered. */
    private void advance() {
        if (advancing) {
            return;
        }
        advancing = true;
        try {
            while (!parked && state != State.CLOSED && step()) {
                // each step either moved bytes or changed the handshake status
            }
            if (state == State.CLOSED || parked) {
                return;
            }
            if (engine.isOutboundDone() && netOut.position() == 0) {
                closeChannel(null);
            } else {
                boolean reading = !engine.isInboundDone()
                        && pendingWriteBytes < transport.config().maxPendingWriteBytes();
                int ops = (reading ? SelectionKey.OP_READ : 0)
                        | (netOut.position() > 0 ? SelectionKey.OP_WRITE : 0);
                key.interestOps(ops);
            }
        } catch (IOException e) {
            fail(e);
        } finally {
            advancing = false;
        }
    }

    private boolean step() throws IOException {
        boolean flushed = flush();
        if (closeRequested && !outboundClosed && outgoing.isEmpty()) {
            outboundClosed = true;
            engine.closeOutbound();
            return true;
        }
        switch (engine.getHandshakeStatus()) {
            case NEED_TASK:
                park();
                return false;
            case NEED_WRAP:
                return wrap() || flushed;
            case NEED_UNWRAP:
            case NEED_UNWRAP_AGAIN:
                return unwrap() || flushed;
            default:
                boolean unwrapped = netIn.position() > 0 && !engine.isInboundDone() && unwrap();
                boolean wrapped = (state == State.OPEN && !outgoing.isEmpty() || closingRecordPending()) && wrap();
                return unwrapped || wrapped || flushed;
        }
    }

    /**
     * After closeOutbound() SunJSSE's engines report NEED_WRAP, Conscrypt's NOT_HANDSHAKING; both
     * still hold close_notify until wrapped. Asking only the handshake status, the loop never wrapped
     * it for Conscrypt, so neither end ever closed (the load harness ran out of descriptors).
     */
    private boolean closingRecordPending() {
        return outboundClosed && !engine.isOutboundDone();
    }

    /** Wraps at most one record: handshake data, queued plaintext or close_notify. */
    private boolean wrap() throws IOException {
        ByteBuffer source = state == State.OPEN && !outgoing.isEmpty() ? outgoing.peek() : NO_PLAINTEXT;
        HandshakeStatus before = engine.getHandshakeStatus();
        SSLEngineResult result = engine.wrap(source, netOut);
        if (source != NO_PLAINTEXT) {
            pendingWriteBytes -= result.bytesConsumed();
            if (!source.hasRemaining()) {
                outgoing.poll();
            }
        }
        switch (result.getStatus()) {
            case BUFFER_OVERFLOW:
                if (netOut.position() > 0) {
                    return false; // flush first; the socket's OP_WRITE brings us back
                }
                netOut = enlarge(netOut, engine.getSession().getPacketBufferSize());
                return true;
            case CLOSED:
                dropUnsendable();
                break;
            default:
                break;
        }
        return moved(result, before);
    }

    /** The outbound side is closed (by us, or by a TLS 1.2 engine on the peer's close_notify). */
    private void dropUnsendable() {
        if (!outgoing.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "{0} queued writes to {1} dropped: outbound closed",
                    outgoing.size(), remoteAddress);
            outgoing.clear();
        }
        pendingWriteBytes = 0;
    }

    /** Unwraps at most one record and hands its plaintext to the handler. */
    private boolean unwrap() throws IOException {
        HandshakeStatus before = engine.getHandshakeStatus();
        netIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW:
                if (!netIn.hasRemaining()) {
                    netIn = enlargeNetIn();
                }
                return false;
            case BUFFER_OVERFLOW:
                // appIn is always empty here (delivered after every unwrap), so it is too small
                appIn = enlarge(appIn, engine.getSession().getApplicationBufferSize());
                return true;
            case CLOSED:
                closeRequested = true; // the peer's close_notify: answer with ours
                break;
            default:
                break;
        }
        boolean moved = moved(result, before);
        deliverPlaintext();
        return moved;
    }

    /**
     * Whether a wrap or unwrap moved bytes or the handshake on; notices the end of the handshake
     * (FINISHED, or NOT_HANDSHAKING from an engine that does not report FINISHED).
     */
    private boolean moved(SSLEngineResult result, HandshakeStatus before) {
        HandshakeStatus status = result.getHandshakeStatus();
        if (state == State.HANDSHAKING && (status == HandshakeStatus.FINISHED
                || status == HandshakeStatus.NOT_HANDSHAKING && !engine.isInboundDone() && !engine.isOutboundDone())) {
            established();
        }
        return result.bytesConsumed() > 0 || result.bytesProduced() > 0 || status != before;
    }

    private void established() {
        state = State.OPEN;
        transport.deadlines().end(deadline);
        transport.counters().handshakeCompleted();
        opened.complete(this);
        callHandler(() -> handler.onOpen(this));
    }

    private void deliverPlaintext() {
        if (appIn.position() == 0) {
            return;
        }
        appIn.flip();
        callHandler(() -> handler.onData(this, appIn));
        appIn.clear();
    }

    private boolean flush() throws IOException {
        if (netOut.position() == 0) {
            return false;
        }
        netOut.flip();
        int written = channel.write(netOut);
        netOut.compact();
        return written > 0;
    }

    private void park() {
        parked = true;
        key.interestOps(0);
        if (!offloaded && state == State.HANDSHAKING) {
            offloaded = true;
            transport.counters().handshakeOffloaded();
        }
        long start = System.nanoTime();
        transport.steps().run(engine).whenComplete((status, failure) -> {
            long elapsed = System.nanoTime() - start;
            transport.loop().execute(() -> resume(elapsed, failure));
        });
    }

    private void resume(long stepNanos, Throwable failure) {
        parked = false;
        transport.counters().stepRan(stepNanos);
        if (state == State.CLOSED) {
            releaseEngine(); // deferred by closeChannel until the step was off the engine
            return;
        }
        if (failure != null) {
            fail(new SSLHandshakeException("handshake step failed: " + failure).initCause(failure));
            return;
        }
        advance();
    }

    private void endOfInput() {
        if (engine.isInboundDone()) {
            closeChannel(null);
            return;
        }
        String where = state == State.HANDSHAKING ? "during the handshake" : "without close_notify";
        Throwable failure = new EOFException("peer closed the connection " + where);
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            failure = e;
        }
        closeChannel(failure);
    }

    private void fail(Throwable failure) {
        if (failure instanceof SSLException) {
            sendClosingRecord(); // the engine may still have an alert for the peer
        }
        closeChannel(failure);
    }

    /**
     * Best effort, without waiting for the socket: one wrap of close_notify or a pending alert.
     * While a step runs the engine is only asked for what it has (the alert of a handshake it has
     * already failed), not closed under the running step.
     */
    private void sendClosingRecord() {
        try {
            if (!parked) {
                engine.closeOutbound();
            }
            engine.wrap(NO_PLAINTEXT, netOut);
            flush();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing record not sent to " + remoteAddress, e);
        }
    }

    /**
     * The transport's handshake deadline has passed: the engine may have timed out already (its
     * state is freed, but it says so only on the next wrap or unwrap, which a silent peer or a hung
     * step never brings), or not yet. Either way, send what alert the engine has and close.
     */
    private void handshakeDeadlinePassed() {
        if (state != State.HANDSHAKING) {
            return;
        }
        transport.counters().handshakeTimedOut();
        SSLHandshakeException timedOut = new SSLHandshakeException("handshake with " + remoteAddress
                + " not complete within " + transport.deadlines().timeout().toMillis() + " ms"
                + (parked ? " (a handshake step was still running)" : ""));
        sendClosingRecord();
        closeChannel(timedOut);
    }

    private void closeChannel(Throwable failure) {
        if (state == State.CLOSED) {
            return;
        }
        boolean duringHandshake = state == State.HANDSHAKING;
        state = State.CLOSED;
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the socket to " + remoteAddress + " failed", e);
        }
        if (!parked) {
            releaseEngine();
        }
        outgoing.clear();
        pendingWriteBytes = 0;
        if (duringHandshake) {
            transport.deadlines().end(deadline);
            if (causedBy(failure, RejectedExecutionException.class)) {
                transport.counters().handshakeRefused();
            }
        }
        transport.counters().connectionClosed(duringHandshake);
        if (duringHandshake) {
            opened.completeExceptionally(failure != null ? failure
                    : new SSLHandshakeException("connection closed during the handshake"));
        }
        callHandler(() -> handler.onClose(this, failure));
    }

    /**
     * Closes both sides of the engine, whatever path closed the socket (a reset, a handler that
     * threw, a deadline): an OffloadJSSE engine then frees its handshaker and cancels its own
     * handshake deadline at once, instead of holding them until that deadline.
     */
    private void releaseEngine() {
        try {
            engine.closeOutbound();
            try {
                engine.closeInbound();
            } catch (SSLException e) {
                // expected without the peer's close_notify: the socket is already closed
            }
            // Let the engine emit its close_notify into nothing: an OffloadJSSE engine overwrites
            // its keys once both directions are done (issue 7, secrets).
            ByteBuffer discard = null;
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                if (discard == null) {
                    discard = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                }
                discard.clear();
                engine.wrap(NO_PLAINTEXT, discard);
            }
        } catch (SSLException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the engine for " + remoteAddress + " failed", e);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void callHandler(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "handler failed for " + remoteAddress + "; closing", e);
            closeChannel(e);
        }
    }

    private static ByteBuffer enlarge(ByteBuffer buffer, int atLeast) {
        ByteBuffer larger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        return larger.put(buffer.flip());
    }

    private final class Registrant implements EventLoop.Registrant {
        @Override
        public void onReady(int readyOps) {
            TlsConnection.this.onReady(readyOps);
        }

        @Override
        public void onShutdown() {
            sendClosingRecord();
            closeChannel(null);
        }
    }
}
