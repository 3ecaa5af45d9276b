package dev.offloadjsse.remote;

import dev.offloadjsse.handshake.HandshakerFactory;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The front end's connection to its handshake servers: one gRPC channel (mutual TLS) over one or
 * several servers, spread by {@code round_robin} with gRPC health checking, the deadlines of
 * the remote calls, and what runs remotely ({@link Granularity}): the whole server-role
 * handshake, or only its private-key operation. Share one per process: every {@code SSLContext} that
 * {@linkplain #handshakers(SecureRandom) plugs it in} uses the same channel.
 *
 * <pre>{@code
 * RemoteHandshakers remote = RemoteHandshakers.builder("hs1:7443,hs2:7443")
 *         .channelKeys(ChannelKeys.fromFiles(frontEndP12, pw, serversCaP12, pw)).build();
 * Provider provider = new OffloadJsseProvider(OffloadConfig.fromSystemProperties().withHandshakers(remote::handshakers));
 * }</pre>
 */
public final class RemoteHandshakers implements AutoCloseable {

    /** The gRPC service name, also the name the health service reports on. */
    public static final String SERVICE = "offloadjsse.remote.v1.HandshakeService";

    /** What of a server-role handshake runs on the handshake servers. */
    public enum Granularity {
        /** All of it: one stream per handshake; only the record-layer keys come back. */
        HANDSHAKE,
        /**
         * Only the signature (keyless TLS): the handshake runs in the front end's own pool and
         * asks the servers for one signature ({@link RemoteKey}); the servers' certificates are
         * fetched once.
         */
        PRIVATE_KEY
    }

    private final String targets;
    private final ManagedChannel channel;
    private final Duration handshakeTimeout;
    private final int attempts;
    private final Granularity granularity;
    private final Duration signTimeout;
    private final EpollEventLoopGroup domainSocketLoop;
    /** The servers' certificates and remote keys (PRIVATE_KEY), fetched on first use. */
    private final RemoteKeys serverKeys = new RemoteKeys(this);

    private RemoteHandshakers(Builder builder) throws SSLException {
        this.targets = builder.targets;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.attempts = builder.attempts;
        this.granularity = builder.granularity;
        this.signTimeout = builder.signTimeout;
        this.channel = channel(builder);
        this.domainSocketLoop = builder.domainSocketLoop;
    }

    public static Builder builder(String targets) {
        return new Builder(targets);
    }

    /** A handshake component for one {@code SSLContext}: fits {@code OffloadConfig.withHandshakers(remote::handshakers)}. */
    public HandshakerFactory handshakers(SecureRandom random) {
        return granularity == Granularity.HANDSHAKE ? new RemoteHandshakerFactory(this, random)
                : new KeylessHandshakerFactory(this, random);
    }

    public Granularity granularity() {
        return granularity;
    }

    /** The servers' certificates and remote keys, fetched when first used (see {@link RemoteKeys}). */
    public RemoteKeys serverKeys() {
        return serverKeys;
    }

    /** The servers as configured, for messages. */
    public String targets() {
        return targets;
    }

    ManagedChannel channel() {
        return channel;
    }

    Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    int attempts() {
        return attempts;
    }

    Duration signTimeout() {
        return signTimeout;
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (domainSocketLoop != null) {
            domainSocketLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return (granularity == Granularity.HANDSHAKE ? "remote(" : "remote-keys(") + targets + ")";
    }

    private static ManagedChannel channel(Builder builder) throws SSLException {
        String target;
        if (builder.targets.startsWith("unix:")) {
            target = builder.targets;
        } else {
            StaticTargets.parse(builder.targets);
            StaticTargets.register();
            target = StaticTargets.SCHEME + ":///" + builder.targets.replace(" ", "");
        }
        NettyChannelBuilder channel = NettyChannelBuilder.forTarget(target)
                .defaultServiceConfig(serviceConfig())
                .disableServiceConfigLookUp();
        if (target.startsWith("unix:")) {
            // One host: a Unix domain socket (the server makes it owner-only); the channel is still mutual TLS.
            EpollEventLoopGroup loop = new EpollEventLoopGroup(1);
            channel.channelType(EpollDomainSocketChannel.class).eventLoopGroup(loop);
            builder.domainSocketLoop = loop;
            if (builder.authority == null) {
                builder.authority = "localhost";
            }
        }
        if (builder.channelKeys == null) {
            throw new IllegalArgumentException("The channel to the handshake servers needs channelKeys (mutual TLS)");
        }
        // The JDK's TLS (SunJSSE) for the channel, not our provider: the channel must not depend on
        // the handshake servers it is the way to.
        SslContextBuilder tls = SslContextBuilder.forClient().trustManager(builder.channelKeys.trust());
        if (builder.channelKeys.keys() != null) {
            tls.keyManager(builder.channelKeys.keys());
        }
        SslContext context = GrpcSslContexts.configure(tls, SslProvider.JDK).build();
        channel.sslContext(context);
        if (builder.authority != null) {
            channel.overrideAuthority(builder.authority);
        }
        return channel.build();
    }

    /** round_robin over the servers, each watched through the standard health service. */
    private static Map<String, Object> serviceConfig() {
        return Map.of(
                "loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
                "healthCheckConfig", Map.of("serviceName", SERVICE));
    }

    public static final class Builder {
        private final String targets;
        private ChannelKeys channelKeys;
        private String authority;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private int attempts = 3;
        private Granularity granularity = Granularity.HANDSHAKE;
        private Duration signTimeout = Duration.ofSeconds(2);
        private EpollEventLoopGroup domainSocketLoop;

        private Builder(String targets) {
            this.targets = Objects.requireNonNull(targets, "targets").trim();
            if (this.targets.isEmpty()) {
                throw new IllegalArgumentException("No handshake server given");
            }
        }

        public Builder channelKeys(ChannelKeys keys) {
            this.channelKeys = keys;
            return this;
        }

        public Builder channelKeys(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword)
                throws IOException, GeneralSecurityException {
            return channelKeys(ChannelKeys.fromFiles(keyStore, keyStorePassword, trustStore, trustStorePassword));
        }

        /** The name the servers' channel certificates are checked against (default: the first target's host). */
        public Builder authority(String authority) {
            this.authority = authority;
            return this;
        }

        /** The deadline of one whole remote handshake (default 10 s). */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * How many servers a handshake tries before it fails, while no server has answered a step
         * yet (a refused or unreachable server is then safe to skip); default 3.
         */
        public Builder attempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            this.attempts = attempts;
            return this;
        }

        /** What runs on the servers (default: the whole handshake). */
        public Builder granularity(Granularity granularity) {
            this.granularity = Objects.requireNonNull(granularity);
            return this;
        }

        /** The deadline of one signature or certificate listing (PRIVATE_KEY; default 2 s). */
        public Builder signTimeout(Duration timeout) {
            this.signTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public RemoteHandshakers build() throws SSLException {
            return new RemoteHandshakers(this);
        }
    }
}
