package dev.offloadjsse;

import dev.offloadjsse.handshake.BcHandshakerFactory;
import dev.offloadjsse.handshake.HandshakerFactory;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.offload.PooledOffloader;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the provider's engines offload their handshakes. {@link #fromSystemProperties()} reads:
 * <ul>
 *   <li>{@code offloadjsse.offloader}: {@code pool} (default) or {@code inline};</li>
 *   <li>{@code offloadjsse.pool.threads}: pool threads (default: the number of cores);</li>
 *   <li>{@code offloadjsse.pool.queue}: steps that may wait for a thread (default 1024 per thread);</li>
 *   <li>the {@link OffloadLimits} properties.</li>
 * </ul>
 */
public final class OffloadConfig {

    private final HandshakeOffloader offloader;
    private final Function<SecureRandom, HandshakerFactory> handshakers;
    private final OffloadLimits limits;

    private OffloadConfig(HandshakeOffloader offloader, Function<SecureRandom, HandshakerFactory> handshakers,
            OffloadLimits limits) {
        this.offloader = Objects.requireNonNull(offloader, "offloader");
        this.handshakers = Objects.requireNonNull(handshakers, "handshakers");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Bouncy Castle handshakes on {@code offloader}, with the default limits. */
    public static OffloadConfig withOffloader(HandshakeOffloader offloader) {
        return new OffloadConfig(offloader, BcHandshakerFactory::new, OffloadLimits.DEFAULT);
    }

    public OffloadConfig withLimits(OffloadLimits newLimits) {
        return new OffloadConfig(offloader, handshakers, newLimits);
    }

    /**
     * The same offloader with another handshake component, for example one that runs the
     * handshake in a remote key-holding process. The function is called once per
     * {@code SSLContext.init} with the context's random source.
     */
    public OffloadConfig withHandshakers(Function<SecureRandom, HandshakerFactory> factory) {
        return new OffloadConfig(offloader, factory, limits);
    }

    /** The handshake component for a newly initialised {@code SSLContext}. */
    public HandshakerFactory newHandshakers(SecureRandom random) {
        return handshakers.apply(random);
    }

    public static OffloadConfig fromSystemProperties() {
        return withOffloader(offloaderFromSystemProperties()).withLimits(OffloadLimits.fromSystemProperties());
    }

    private static HandshakeOffloader offloaderFromSystemProperties() {
        String kind = System.getProperty("offloadjsse.offloader", "pool");
        switch (kind) {
            case "inline":
                return new InlineOffloader();
            case "pool":
                int cores = Runtime.getRuntime().availableProcessors();
                int threads = Integer.getInteger("offloadjsse.pool.threads", cores);
                int queue = Integer.getInteger("offloadjsse.pool.queue", 1024 * threads);
                return new PooledOffloader(threads, queue);
            default:
                throw new IllegalArgumentException(
                        "offloadjsse.offloader must be 'pool' or 'inline', not '" + kind + "'");
        }
    }

    public HandshakeOffloader offloader() {
        return offloader;
    }

    public OffloadLimits limits() {
        return limits;
    }
}
