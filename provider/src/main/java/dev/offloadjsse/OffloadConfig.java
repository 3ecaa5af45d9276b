package dev.offloadjsse;

import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.offload.PooledOffloader;
import java.util.Objects;

/**
 * How the provider's engines offload their handshakes. {@link #fromSystemProperties()} reads:
 * <ul>
 *   <li>{@code offloadjsse.offloader}: {@code pool} (default) or {@code inline};</li>
 *   <li>{@code offloadjsse.pool.threads}: pool threads (default: the number of cores);</li>
 *   <li>{@code offloadjsse.pool.queue}: steps that may wait for a thread (default 1024 per thread).</li>
 * </ul>
 */
public final class OffloadConfig {

    private final HandshakeOffloader offloader;

    private OffloadConfig(HandshakeOffloader offloader) {
        this.offloader = Objects.requireNonNull(offloader, "offloader");
    }

    public static OffloadConfig withOffloader(HandshakeOffloader offloader) {
        return new OffloadConfig(offloader);
    }

    public static OffloadConfig fromSystemProperties() {
        String kind = System.getProperty("offloadjsse.offloader", "pool");
        switch (kind) {
            case "inline":
                return new OffloadConfig(new InlineOffloader());
            case "pool":
                int cores = Runtime.getRuntime().availableProcessors();
                int threads = Integer.getInteger("offloadjsse.pool.threads", cores);
                int queue = Integer.getInteger("offloadjsse.pool.queue", 1024 * threads);
                return new OffloadConfig(new PooledOffloader(threads, queue));
            default:
                throw new IllegalArgumentException(
                        "offloadjsse.offloader must be 'pool' or 'inline', not '" + kind + "'");
        }
    }

    public HandshakeOffloader offloader() {
        return offloader;
    }
}
