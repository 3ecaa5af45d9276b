package dev.offloadjsse.nio;

import dev.offloadjsse.handshake.BcHandshakerFactory;
import dev.offloadjsse.handshake.HandshakeFailedException;
import dev.offloadjsse.handshake.HandshakeRequest;
import dev.offloadjsse.handshake.HandshakeStep;
import dev.offloadjsse.handshake.Handshaker;
import dev.offloadjsse.handshake.HandshakerFactory;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The real Bouncy Castle handshake component with faults injected into the first step of chosen
 * handshakes, chosen by the order in which the server creates them (the order of its connections
 * when a test connects one at a time).
 */
final class FaultyHandshakers implements HandshakerFactory {

    /** What the first step of one handshake does before (or instead of) the real step. */
    interface Fault {
        Fault NONE = () -> { };

        void beforeFirstStep();

        static Fault throwing(String message) {
            return () -> {
                throw new IllegalStateException(message);
            };
        }

        /** Blocks the offload thread for {@code millis}, then lets the step go on. */
        static Fault hanging(long millis) {
            return () -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }

        /** Blocks the offload thread until {@code gate} opens; counts itself into {@code blocked}. */
        static Fault gated(CountDownLatch gate, AtomicInteger blocked) {
            return () -> {
                blocked.incrementAndGet();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }
    }

    private final HandshakerFactory real;
    private final IntFunction<Fault> faults;
    private final AtomicInteger created = new AtomicInteger();

    FaultyHandshakers(SecureRandom random, IntFunction<Fault> faults) {
        this.real = new BcHandshakerFactory(random);
        this.faults = faults;
    }

    int created() {
        return created.get();
    }

    @Override
    public Handshaker create(HandshakeRequest request) {
        Handshaker handshaker = real.create(request);
        Fault fault = faults.apply(created.getAndIncrement());
        return new Handshaker() {
            private boolean first = true;

            @Override
            public HandshakeStep step(List<byte[]> records) throws HandshakeFailedException {
                if (first) {
                    first = false;
                    fault.beforeFirstStep();
                }
                return handshaker.step(records);
            }

            @Override
            public void close() {
                handshaker.close();
            }
        };
    }
}
