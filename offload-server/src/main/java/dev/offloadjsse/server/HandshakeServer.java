package dev.offloadjsse.server;

import dev.offloadjsse.handshake.BcHandshakerFactory;
import dev.offloadjsse.remote.ChannelKeys;
import dev.offloadjsse.remote.RemoteHandshakers;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The handshake server: holds the TLS identity keys, runs server-role handshakes for remote
 * front ends with the provider's Bouncy Castle handshaker, and returns their results. Front ends
 * reach it over gRPC with mutual TLS; a caller without a trusted channel certificate gets no
 * further than the channel's own TLS handshake. The standard health service reports
 * {@code SERVING} until the server stops.
 */
public final class HandshakeServer implements AutoCloseable {

    /** What the server has done so far. */
    public static final class Stats {
        final LongAdder started = new LongAdder();
        final LongAdder completed = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder signed = new LongAdder();

        public long started() {
            return started.sum();
        }

        public long completed() {
            return completed.sum();
        }

        public long failed() {
            return failed.sum();
        }

        /** Signatures made for front ends that run their handshakes themselves (private-key operations only). */
        public long signed() {
            return signed.sum();
        }

        /** Handshakes and signatures refused because the server was full. */
        public long refused() {
            return refused.sum();
        }
    }

    private final Server server;
    private final HandshakeService service;
    private final HealthStatusManager health = new HealthStatusManager();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final EpollEventLoopGroup domainSocketLoop;
    private final String listen;

    private HandshakeServer(Builder builder) throws IOException, GeneralSecurityException {
        this.listen = builder.listen;
        this.workers = Executors.newFixedThreadPool(builder.threads, daemon("offload-handshake"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("offload-handshake-timer"));
        NettyServerBuilder netty;
        Path socketPath = null;
        if (listen.startsWith("unix:")) {
            socketPath = Path.of(listen.substring("unix:".length()));
            Files.deleteIfExists(socketPath);
            domainSocketLoop = new EpollEventLoopGroup(1, daemon("offload-server-uds"));
            netty = NettyServerBuilder.forAddress(new DomainSocketAddress(socketPath.toString()))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(domainSocketLoop)
                    .workerEventLoopGroup(domainSocketLoop);
        } else {
            domainSocketLoop = null;
            InetSocketAddress address = hostPort(listen);
            netty = NettyServerBuilder.forAddress(address);
        }
        // Mutual TLS on the JDK's own TLS: only front ends with a channel certificate the server
        // trusts get a connection, and with it any call.
        SslContextBuilder tls = SslContextBuilder.forServer(builder.channelKeys.keys())
                .trustManager(builder.channelKeys.trust())
                .clientAuth(ClientAuth.REQUIRE);
        netty.sslContext(GrpcSslContexts.configure(tls, SslProvider.JDK).build());
        this.service = new HandshakeService(builder.name == null ? listen : builder.name,
                new BcHandshakerFactory(builder.random == null ? new SecureRandom() : builder.random),
                builder.keyManager, workers, scheduler, builder.maxHandshakeTime, builder.maxHandshakes);
        this.server = netty.addService(service).addService(health.getHealthService()).build().start();
        if (builder.name == null && socketPath == null) {
            // Port 0 asks for a free port: name the server after the port it got.
            service.name(hostPort(listen).getHostString() + ":" + port());
        }
        if (socketPath != null) {
            // Owner only: on one host, the socket's permissions are a second fence around the keys.
            Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
        }
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(RemoteHandshakers.SERVICE, ServingStatus.SERVING);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The TCP port the server listens on (-1 for a Unix domain socket). */
    public int port() {
        return server.getListenSockets().get(0) instanceof InetSocketAddress
                ? ((InetSocketAddress) server.getListenSockets().get(0)).getPort() : -1;
    }

    /** The name in results and errors (default: the listen address). */
    public String name() {
        return service.name();
    }

    public Stats stats() {
        return service.stats();
    }

    /** Handshakes admitted and not yet ended. */
    public int inFlight() {
        return service.inFlight();
    }

    /**
     * Stops gracefully: health turns {@code NOT_SERVING} (front ends send no new handshakes), the
     * handshakes in flight get {@code grace} to finish, then the rest are cut off.
     */
    public void stop(Duration grace) {
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        release();
    }

    /** Stops at once, as a crash would: every handshake in flight here fails at its front end. */
    public void kill() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
    }

    private void release() {
        workers.shutdownNow();
        scheduler.shutdownNow();
        if (domainSocketLoop != null) {
            domainSocketLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }

    static InetSocketAddress hostPort(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--listen must be HOST:PORT or unix:PATH, not '" + listen + "'");
        }
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(listen.substring(colon + 1));
        return host.isEmpty() || host.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public static final class Builder {
        private X509ExtendedKeyManager keyManager;
        private ChannelKeys channelKeys;
        private String listen = "127.0.0.1:0";
        private String name;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int maxHandshakes = 1024;
        private Duration maxHandshakeTime = Duration.ofSeconds(30);
        private SecureRandom random;

        private Builder() {
        }

        /** The TLS identities the server handshakes with (the keys front ends never see). */
        public Builder keyManager(X509ExtendedKeyManager keyManager) {
            this.keyManager = keyManager;
            return this;
        }

        /**
         * The key store's identities, loaded once ({@code SunX509}): the {@code PKIX} key manager
         * checks every certificate again each time it chooses an alias, about 3 ms of CPU per
         * handshake here (measured with RemoteOffloadBench), more than the rest of the handshake,
         * and {@link dev.offloadjsse.remote.SniKeyManager} does the choosing by SNI itself.
         */
        public Builder keyStore(KeyStore keyStore, char[] password) throws GeneralSecurityException {
            KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(keyStore, password);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509ExtendedKeyManager) {
                    return keyManager((X509ExtendedKeyManager) manager);
                }
            }
            throw new GeneralSecurityException("The key store has no X.509 key manager");
        }

        /** The channel's mutual TLS: this server's channel identity and the front ends it trusts. */
        public Builder channelKeys(ChannelKeys keys) {
            this.channelKeys = keys;
            return this;
        }

        /** {@code HOST:PORT} (port 0: a free one) or {@code unix:PATH}. */
        public Builder listen(String listen) {
            this.listen = Objects.requireNonNull(listen);
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Worker threads that run handshake steps (default: the number of cores). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Handshakes in flight at once; one more is refused with RESOURCE_EXHAUSTED (default 1024). */
        public Builder maxHandshakes(int maxHandshakes) {
            this.maxHandshakes = maxHandshakes;
            return this;
        }

        /** The longest a handshake may hold a permit, whatever the front end's deadline (default 30 s). */
        public Builder maxHandshakeTime(Duration time) {
            this.maxHandshakeTime = time;
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = random;
            return this;
        }

        public HandshakeServer start() throws IOException, GeneralSecurityException {
            if (keyManager == null) {
                throw new IllegalStateException("The handshake server needs its keys: keyManager or keyStore");
            }
            if (channelKeys == null || channelKeys.keys() == null || channelKeys.trust() == null) {
                throw new IllegalStateException("The handshake server needs channelKeys with its channel identity and the front ends' trust");
            }
            return new HandshakeServer(this);
        }
    }
}
