package dev.offloadjsse.socket;

import dev.offloadjsse.OffloadSSLEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Moves records between an {@link SSLEngine} and the blocking streams of the transport socket:
 * drives the handshake (running each delegated step on the engine's offloader and waiting for
 * it: the socket API blocks anyway), then turns reads and writes into unwraps and wraps.
 *
 * <p>Locks, always taken in this order: {@code handshakeLock}, {@code readLock},
 * {@code writeLock}. A reader that must answer a post-handshake message (a KeyUpdate, or the
 * close_notify that TLS 1.2 owes its peer) takes the write lock briefly; a writer never takes
 * the read lock, so a thread blocked in {@code read} never stalls a writer.
 *
 * <p>Buffers between calls: {@code netIn} and {@code appIn} are ready to be read (unconsumed
 * records, unread plaintext); a read that times out leaves both as they were, so the socket
 * stays usable.
 */
final class RecordPump {

    /** What the pump tells its socket. */
    interface Listener {
        void handshakeFinished();

        void failed();
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final InputStream in;
    private final OutputStream out;
    private final Listener listener;
    private final ReentrantLock handshakeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();

    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private boolean begun;
    private volatile boolean handshakeDone;
    private volatile SSLException handshakeFailure;
    private boolean inputEnded;

    RecordPump(SSLEngine engine, InputStream in, OutputStream out, byte[] consumed, Listener listener) {
        this.engine = engine;
        this.in = in;
        this.out = out;
        this.listener = listener;
        int packet = Math.max(engine.getSession().getPacketBufferSize(), 1 << 15);
        this.netIn = ByteBuffer.allocate(Math.max(packet, consumed.length));
        this.netIn.put(consumed).flip();
        this.appIn = ByteBuffer.allocate(Math.max(engine.getSession().getApplicationBufferSize(), 1 << 15)).flip();
        this.netOut = ByteBuffer.allocate(4 * packet);
    }

    boolean isHandshakeDone() {
        return handshakeDone;
    }

    // ---- handshake --------------------------------------------------------------------------

    /** Runs the initial handshake unless it is done; other threads that need it wait for it. */
    void handshake() throws IOException {
        if (handshakeDone) {
            return;
        }
        handshakeLock.lock();
        try {
            if (handshakeDone) {
                return;
            }
            if (handshakeFailure != null) {
                throw again(handshakeFailure);
            }
            readLock.lock();
            writeLock.lock();
            try {
                runHandshake();
            } finally {
                writeLock.unlock();
                readLock.unlock();
            }
        } finally {
            handshakeLock.unlock();
        }
        listener.handshakeFinished();
    }

    /** A new handshake on an established connection: the engine decides what it is (TLS 1.3: a KeyUpdate). */
    void rehandshake() throws IOException {
        engine.beginHandshake();
        writeLock.lock();
        try {
            flushControl();
        } finally {
            writeLock.unlock();
        }
    }

    private void runHandshake() throws IOException {
        try {
            if (!begun) {
                begun = true;
                engine.beginHandshake();
            }
            while (true) {
                HandshakeStatus status = engine.getHandshakeStatus();
                switch (status) {
                    case NEED_TASK:
                        runTask();
                        break;
                    case NEED_WRAP:
                        status = wrap(EMPTY).getHandshakeStatus();
                        break;
                    case NEED_UNWRAP:
                    case NEED_UNWRAP_AGAIN:
                        status = unwrapDuringHandshake();
                        break;
                    default:
                        throw new SSLHandshakeException("The connection was closed during the handshake");
                }
                if (status == HandshakeStatus.FINISHED) {
                    sendPending();
                    handshakeDone = true;
                    return;
                }
            }
        } catch (SSLException e) {
            handshakeFailure = e;
            sendAlertQuietly();
            listener.failed();
            throw e;
        }
    }

    private HandshakeStatus unwrapDuringHandshake() throws IOException {
        SSLEngineResult result = unwrap();
        if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
            sendPending();
            if (!fill()) {
                // SunJSSE's words for the same event.
                throw new SSLHandshakeException("Remote host terminated the handshake");
            }
        } else if (result.getStatus() == Status.CLOSED && result.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
            throw new SSLHandshakeException("The peer closed the connection during the handshake");
        }
        return result.getHandshakeStatus();
    }

    /** One handshake step, on the engine's offloader when it is ours; this thread waits for it. */
    private void runTask() throws IOException {
        if (engine instanceof OffloadSSLEngine) {
            CompletionStage<HandshakeStatus> step = ((OffloadSSLEngine) engine).runDelegatedTaskAsync();
            try {
                step.toCompletableFuture().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while the handshake step ran");
            } catch (ExecutionException e) {
                throw new SSLHandshakeException("The handshake step failed: " + e.getCause());
            }
            return;
        }
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static SSLException again(SSLException failure) {
        SSLException exception = failure instanceof SSLHandshakeException
                ? new SSLHandshakeException(failure.getMessage()) : new SSLException(failure.getMessage());
        exception.initCause(failure);
        return exception;
    }

    // ---- reading ----------------------------------------------------------------------------

    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        handshake();
        readLock.lock();
        try {
            while (true) {
                if (appIn.hasRemaining()) {
                    int n = Math.min(len, appIn.remaining());
                    appIn.get(b, off, n);
                    return n;
                }
                if (inputEnded) {
                    return -1;
                }
                SSLEngineResult result = unwrapEstablished();
                if (result.getStatus() == Status.BUFFER_UNDERFLOW && !fill()) {
                    // No close_notify: SunJSSE too reads this as the end (com.sun.net.ssl.requireCloseNotify=false).
                    inputEnded = true;
                    closeInboundQuietly();
                } else if (result.getStatus() == Status.CLOSED) {
                    inputEnded = true;
                    // TLS 1.2 owes the peer a close_notify back (RFC 5246 §7.2.1); a peer that closed its
                    // socket right after its own must not turn this read's end of stream into an exception.
                    replyQuietly();
                    continue;
                }
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    writeLock.lock();
                    try {
                        flushControl();
                    } finally {
                        writeLock.unlock();
                    }
                }
            }
        } finally {
            readLock.unlock();
        }
    }

    int available() {
        if (!readLock.tryLock()) {
            return 0;
        }
        try {
            return appIn.remaining();
        } finally {
            readLock.unlock();
        }
    }

    /** The end of input that {@code shutdownInput} asks for. */
    void endInput() throws SSLException {
        readLock.lock();
        try {
            inputEnded = true;
            appIn.position(appIn.limit());
            engine.closeInbound();
        } finally {
            readLock.unlock();
        }
    }

    private SSLEngineResult unwrapEstablished() throws IOException {
        try {
            return unwrap();
        } catch (SSLException e) {
            sendAlertQuietly();
            listener.failed();
            throw e;
        }
    }

    private SSLEngineResult unwrap() throws SSLException {
        while (true) {
            appIn.compact();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
            }
            if (result.getStatus() != Status.BUFFER_OVERFLOW) {
                return result;
            }
            appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
        }
    }

    /** Reads more records from the transport; false at its end. */
    private boolean fill() throws IOException {
        netIn.compact();
        try {
            if (!netIn.hasRemaining()) {
                netIn.flip();
                netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                netIn.compact();
            }
            int n = in.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
            if (n < 0) {
                return false;
            }
            netIn.position(netIn.position() + n);
            return true;
        } finally {
            netIn.flip();
        }
    }

    private void closeInboundQuietly() {
        try {
            engine.closeInbound();
        } catch (SSLException truncation) {
            // Tolerated, as above.
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    void write(byte[] b, int off, int len) throws IOException {
        handshake();
        writeLock.lock();
        try {
            ByteBuffer src = ByteBuffer.wrap(b, off, len);
            do {
                SSLEngineResult result = wrapEstablished(src);
                if (result.getStatus() == Status.CLOSED && src.hasRemaining()) {
                    throw new SocketException("Connection or outbound has closed");
                }
            } while (src.hasRemaining());
            flushControl();
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends close_notify (or, during a handshake, what the engine sends instead) and marks output done. */
    void closeOutput() throws IOException {
        writeLock.lock();
        try {
            engine.closeOutbound();
            flushControl();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * As {@link #closeOutput()}, but skips sending when another thread is writing or handshaking:
     * a close must not wait behind a write that a peer which stopped reading never lets finish.
     */
    void closeOutputIfFree() {
        engine.closeOutbound();
        if (!writeLock.tryLock()) {
            return;
        }
        try {
            flushControl();
        } catch (IOException ignored) {
            // Closing anyway.
        } finally {
            writeLock.unlock();
        }
    }

    private SSLEngineResult wrapEstablished(ByteBuffer src) throws IOException {
        try {
            return wrap(src);
        } catch (SSLException e) {
            sendAlertQuietly();
            listener.failed();
            throw e;
        }
    }

    /**
     * Writes what the engine has to send on its own (post-handshake messages, alerts,
     * close_notify): it asks for that with {@code NEED_WRAP}.
     */
    private void flushControl() throws IOException {
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            if (wrapEstablished(EMPTY).bytesProduced() == 0) {
                break;
            }
        }
        sendPending();
    }

    /** Seals into {@code netOut}; written by {@link #sendPending()}, or here when it is full. */
    private SSLEngineResult wrap(ByteBuffer src) throws IOException {
        while (true) {
            SSLEngineResult result = engine.wrap(src, netOut);
            if (result.getStatus() != Status.BUFFER_OVERFLOW) {
                return result;
            }
            if (netOut.position() > 0) {
                sendPending();
            } else {
                netOut = ByteBuffer.allocate(Math.max(engine.getSession().getPacketBufferSize(), netOut.capacity() * 2));
            }
        }
    }

    /**
     * Writes the sealed records in one go. A flight of several records written one by one meets
     * Nagle's algorithm and the peer's delayed ACK (tens of milliseconds a handshake, measured),
     * so records are coalesced until the pump is about to wait for the peer or return.
     */
    private void sendPending() throws IOException {
        if (netOut.position() > 0) {
            try {
                out.write(netOut.array(), netOut.arrayOffset(), netOut.position());
                out.flush();
            } finally {
                netOut.clear();
            }
        }
    }

    private void replyQuietly() {
        writeLock.lock();
        try {
            flushControl();
        } catch (IOException peerGone) {
            // Nothing left to tell a peer that has gone.
        } finally {
            writeLock.unlock();
        }
    }

    private void sendAlertQuietly() {
        if (!writeLock.tryLock()) {
            return;
        }
        try {
            for (int i = 0; i < 8 && !engine.isOutboundDone(); i++) {
                if (wrap(EMPTY).bytesProduced() == 0) {
                    break;
                }
            }
            sendPending();
        } catch (IOException | RuntimeException ignored) {
            // The failure that brought us here is what the caller must see.
        } finally {
            writeLock.unlock();
        }
    }

    /** A larger copy of {@code buffer} (ready to be read), at least {@code atLeast} bytes. */
    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer larger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        larger.put(buffer).flip();
        return larger;
    }
}
