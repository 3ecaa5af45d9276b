package dev.offloadjsse.benchmarks;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Heap bytes allocated per full handshake, client and server engine apart: the thread's
 * allocation counter read around each engine's own calls (see {@link Peer}) of many in-memory
 * handshakes, after warm-up so that the JIT's escape analysis has had its chance. Both contexts
 * are set up once, as in {@link HandshakeBenchmark}; OffloadJSSE runs its steps inline, so they
 * are counted on this thread. Conscrypt's native (BoringSSL) memory is not heap and not counted.
 */
final class HandshakeAllocationProbe {

    private final RunMode mode;

    HandshakeAllocationProbe(RunMode mode) {
        this.mode = mode;
    }

    HandshakeAllocation bytesPerHandshake(TlsStack stack, HandshakeKind kind)
            throws GeneralSecurityException, SSLException {
        SSLContext clientContext = stack.context(kind.credential());
        SSLContext serverContext = stack.context(kind.credential());
        for (int i = 0; i < mode.allocationWarmupHandshakes(); i++) {
            handshake(clientContext, serverContext, kind);
        }
        List<Double> client = new ArrayList<>();
        List<Double> server = new ArrayList<>();
        int handshakes = mode.allocationHandshakesPerRound();
        for (int round = 0; round < mode.rounds(); round++) {
            long clientBytes = 0;
            long serverBytes = 0;
            for (int i = 0; i < handshakes; i++) {
                EnginePair pair = handshake(clientContext, serverContext, kind);
                clientBytes += pair.clientAllocatedBytes();
                serverBytes += pair.serverAllocatedBytes();
            }
            client.add((double) clientBytes / handshakes);
            server.add((double) serverBytes / handshakes);
        }
        return new HandshakeAllocation(Sample.of(client), Sample.of(server));
    }

    private static EnginePair handshake(SSLContext clientContext, SSLContext serverContext, HandshakeKind kind)
            throws SSLException {
        return EnginePair.create(clientContext, serverContext, kind.protocol(), kind.cipherSuite(), BufferKind.HEAP,
                false).handshake();
    }
}
