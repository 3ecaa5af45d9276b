package dev.offloadjsse.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * Drives one engine with hostile bytes and checks the only outcomes the provider allows:
 * correct processing, or an {@link SSLException} after which the engine is closed inbound and
 * its wraps emit the alert and then report CLOSED. Delegated tasks run inline. Every loop is
 * bounded: an engine that keeps answering without progress is reported as a hang, not waited on.
 * A RuntimeException from the engine or a task is deliberately not caught: Jazzer reports it.
 */
final class EngineDriver {

    /** Engine calls one input may take; a TLS flight needs a few dozen. */
    static final int MAX_CALLS = 5_000;
    /** Output one hostile flight may make the engine write (alerts, a server flight, tickets). */
    static final int MAX_OUTPUT = 1 << 20;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    final SSLEngine engine;
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final ByteBuffer netOut;
    private ByteBuffer appIn;
    private int calls;
    SSLException failure;

    EngineDriver(SSLEngine engine) {
        this.engine = engine;
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    boolean failed() {
        return failure != null;
    }

    /** Begins the handshake, runs tasks and wraps until the engine wants input; returns the bytes it wrote. */
    byte[] start() {
        int before = written.size();
        try {
            engine.beginHandshake();
            settle();
        } catch (SSLException e) {
            failure = e;
        }
        byte[] all = written.toByteArray();
        return java.util.Arrays.copyOfRange(all, before, all.length);
    }

    /**
     * Offers {@code wire} to {@code unwrap} in chunks whose sizes the fuzzer picks (the rest in
     * one piece once it runs out), settling the engine after every call.
     */
    void feed(byte[] wire, FuzzedDataProvider splits) {
        ByteBuffer in = ByteBuffer.allocate(wire.length);
        in.limit(0);
        int[] offered = {0};
        int idle = 0;
        try {
            settle();
            while (!engine.isInboundDone()) {
                count();
                if (!in.hasRemaining()) {
                    if (offered[0] == wire.length) {
                        return;
                    }
                    in = offerMore(in, wire, offered, splits);
                    continue;
                }
                int before = in.position();
                SSLEngineResult result = engine.unwrap(in, appIn);
                checkResult(result);
                check(result.bytesConsumed() == in.position() - before, "bytesConsumed disagrees with the buffer: " + result);
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    appIn = ByteBuffer.allocate(2 * appIn.capacity());
                    check(appIn.capacity() <= (1 << 20), "unwrap asks for an application buffer above 1 MiB");
                    continue;
                }
                appIn.clear();
                settle();
                if (result.getStatus() == Status.CLOSED) {
                    return;
                }
                if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                    if (offered[0] == wire.length) {
                        return;
                    }
                    in = offerMore(in, wire, offered, splits);
                    continue;
                }
                if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                    check(++idle <= 100, "Engine hangs: unwrap keeps returning " + result + " with "
                            + in.remaining() + " bytes offered");
                } else {
                    idle = 0;
                }
            }
        } catch (SSLException e) {
            failure = e;
        }
    }

    /** The unconsumed bytes of {@code in} followed by the next chunk of {@code wire}. */
    private static ByteBuffer offerMore(ByteBuffer in, byte[] wire, int[] offered, FuzzedDataProvider splits) {
        int chunk = splits != null && splits.remainingBytes() > 0 ? splits.consumeInt(1, 1 << 14) : wire.length;
        chunk = Math.min(chunk, wire.length - offered[0]);
        ByteBuffer next = ByteBuffer.allocate(in.remaining() + chunk);
        next.put(in).put(wire, offered[0], chunk).flip();
        offered[0] += chunk;
        return next;
    }

    /** Runs delegated tasks and wraps while the engine asks for them. */
    void settle() throws SSLException {
        int idle = 0;
        while (true) {
            count();
            Runnable task;
            boolean ran = false;
            while ((task = engine.getDelegatedTask()) != null) {
                count();
                task.run();
                ran = true;
            }
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                // Tasks run inline here, so none can still be running elsewhere.
                check(ran, "status NEED_TASK but getDelegatedTask() returns null");
                continue;
            }
            if (status != HandshakeStatus.NEED_WRAP || engine.isOutboundDone()) {
                return;
            }
            netOut.clear();
            SSLEngineResult result = engine.wrap(EMPTY, netOut);
            checkResult(result);
            netOut.flip();
            record(netOut);
            if (result.getStatus() == Status.CLOSED) {
                return;
            }
            if (result.bytesProduced() == 0 && result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP
                    && ++idle > 100) {
                throw new AssertionError("Engine hangs: wrap keeps returning " + result);
            }
        }
    }

    /**
     * After an SSLException: the engine is closed inbound, and wrap emits the alert (or nothing)
     * and then reports CLOSED, with the outbound side done. Before the alert it may finish
     * writing handshake records the handshake had already produced (a protected alert is
     * numbered after them, so the peer needs them first), never after it. A further unwrap
     * reports CLOSED.
     */
    void assertClosedAfterFailure() throws SSLException {
        check(engine.isInboundDone(), "engine threw " + failure + " but is not inbound-done");
        boolean alertWritten = false;
        for (int i = 0; ; i++) {
            check(i < 100, "wrap does not reach CLOSED after the failure " + failure);
            count();
            netOut.clear();
            SSLEngineResult result = engine.wrap(EMPTY, netOut);
            checkResult(result);
            netOut.flip();
            if (netOut.hasRemaining()) {
                int type = netOut.get(0);
                boolean alert = type == 21 || type == 23;
                check(alert || (!alertWritten && (type == 22 || type == 20)),
                        "after a failure wrap writes a record of type " + type + (alertWritten ? " after the alert" : ", not an alert"));
                alertWritten |= alert;
            }
            record(netOut);
            if (result.getStatus() == Status.CLOSED) {
                break;
            }
            check(result.bytesProduced() > 0 || i < 2, "wrap produces nothing and does not close: " + result);
        }
        check(engine.isOutboundDone(), "wrap reported CLOSED but isOutboundDone() is false");
        SSLEngineResult after = engine.unwrap(ByteBuffer.wrap(new byte[] {22, 3, 3, 0, 1, 1}), appIn.clear());
        check(after.getStatus() == Status.CLOSED, "unwrap after the failure returned " + after);
    }

    /** A healthy engine asked to close: wraps drain to CLOSED. closeInbound may complain of truncation. */
    void assertClosesCleanly() throws SSLException {
        engine.closeOutbound();
        for (int i = 0; !engine.isOutboundDone(); i++) {
            check(i < 100, "closeOutbound: wrap never finishes");
            count();
            netOut.clear();
            SSLEngineResult result = engine.wrap(EMPTY, netOut);
            checkResult(result);
            netOut.flip();
            record(netOut);
            if (result.getStatus() == Status.CLOSED && result.bytesProduced() == 0) {
                break;
            }
        }
        try {
            engine.closeInbound();
        } catch (SSLException truncation) {
            // Allowed: no close_notify came from the hostile peer.
        }
        check(engine.isInboundDone(), "closeInbound left the engine inbound-open");
    }

    private void record(ByteBuffer bytes) {
        written.write(bytes.array(), bytes.position(), bytes.remaining());
        check(written.size() <= MAX_OUTPUT, "engine wrote more than " + MAX_OUTPUT + " bytes for one hostile flight");
    }

    private static void checkResult(SSLEngineResult result) {
        check(result.bytesConsumed() >= 0 && result.bytesProduced() >= 0, "negative byte counts in " + result);
    }

    private void count() {
        check(++calls <= MAX_CALLS, "more than " + MAX_CALLS + " engine calls for one input: the engine spins");
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
