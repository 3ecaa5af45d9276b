package dev.offloadjsse.benchmarks;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * One engine of an in-memory connection with the buffer its peer writes records into. Every peer
 * adds up the heap its engine allocates (creation, {@code beginHandshake}, {@code wrap},
 * {@code unwrap} and delegated tasks), not the buffers of this harness; a metered peer also adds up
 * the thread CPU time of the engine's {@code wrap}, {@code unwrap} and delegated tasks.
 */
final class Peer {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    final SSLEngine engine;
    /** Records from the other peer, in write mode (empty when position is 0). */
    final ByteBuffer inbound;
    final ByteBuffer application;
    private final boolean metered;
    private long cpuNanos;
    private long allocatedBytes;

    /** {@code creationBytes}: what creating and configuring {@code engine} allocated. */
    Peer(SSLEngine engine, long creationBytes, BufferKind buffers, int netCapacity, int appCapacity, boolean metered) {
        this.engine = engine;
        this.allocatedBytes = creationBytes;
        this.inbound = buffers.allocate(netCapacity);
        this.application = buffers.allocate(appCapacity);
        this.metered = metered;
    }

    long cpuNanos() {
        return cpuNanos;
    }

    long allocatedBytes() {
        return allocatedBytes;
    }

    void beginHandshake() throws SSLException {
        long start = AllocatedBytes.now();
        engine.beginHandshake();
        allocatedBytes += AllocatedBytes.since(start);
    }

    /** True when the handshake is over and every record sent to this peer has been read. */
    boolean idle() {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && inbound.position() == 0;
    }

    /**
     * Does what the engine asks for once; returns whether anything moved. A peer with nothing to
     * do is not metered, so that the clock's own cost is paid only on real work.
     */
    boolean step(Peer other) throws SSLException {
        if (!hasWork()) {
            return false;
        }
        long allocationStart = AllocatedBytes.now();
        try {
            return metered ? meteredAdvance(other.inbound) : advance(other.inbound);
        } finally {
            allocatedBytes += AllocatedBytes.since(allocationStart);
        }
    }

    private boolean meteredAdvance(ByteBuffer outbound) throws SSLException {
        long start = CpuClock.now();
        try {
            return advance(outbound);
        } finally {
            cpuNanos += CpuClock.since(start);
        }
    }

    private boolean hasWork() {
        HandshakeStatus status = engine.getHandshakeStatus();
        return inbound.position() > 0 || status == HandshakeStatus.NEED_TASK || status == HandshakeStatus.NEED_WRAP;
    }

    private boolean advance(ByteBuffer outbound) throws SSLException {
        HandshakeStatus before = engine.getHandshakeStatus();
        switch (before) {
            case NEED_TASK:
                for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                    task.run();
                }
                return true;
            case NEED_WRAP:
                return moved(engine.wrap(NOTHING, outbound), before);
            default:
                return unwrapInbound(before);
        }
    }

    private boolean unwrapInbound(HandshakeStatus before) throws SSLException {
        inbound.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(inbound, application);
        } finally {
            inbound.compact();
            application.clear();
        }
        return moved(result, before);
    }

    private static boolean moved(SSLEngineResult result, HandshakeStatus before) {
        return result.bytesConsumed() > 0 || result.bytesProduced() > 0 || result.getHandshakeStatus() != before;
    }
}
