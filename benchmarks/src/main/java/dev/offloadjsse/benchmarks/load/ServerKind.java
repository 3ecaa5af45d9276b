package dev.offloadjsse.benchmarks.load;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.offload.PooledOffloader;

/** Where the server under test runs its handshake steps. */
public enum ServerKind {
    /** The provider's default: a pool of one thread per core, 1024 queued steps per thread. */
    POOLED("offload pool") {
        @Override
        HandshakeOffloader newOffloader() {
            return PooledOffloader.sizedToCores();
        }
    },
    /** The baseline: every step on the selector thread, between the reads and writes of all connections. */
    INLINE("inline on the selector") {
        @Override
        HandshakeOffloader newOffloader() {
            return new InlineOffloader();
        }
    };

    private final String label;

    ServerKind(String label) {
        this.label = label;
    }

    abstract HandshakeOffloader newOffloader();

    public String label() {
        return label;
    }
}
