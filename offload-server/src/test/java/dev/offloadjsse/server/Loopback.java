package dev.offloadjsse.server;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.remote.ChannelKeys;
import dev.offloadjsse.remote.RemoteHandshakers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/** Handshake servers, front ends and SunJSSE clients on loopback, as the tests use them. */
final class Loopback {

    private Loopback() {
    }

    /** A handshake server on a free port holding {@link TestPki#TLS}, trusting the front end's channel identity. */
    static HandshakeServer server(int maxHandshakes) throws Exception {
        return HandshakeServer.builder()
                .keyStore(TestPki.identity(TestPki.TLS).keyStore(), TestPki.PASSWORD)
                .channelKeys(TestPki.channel(TestPki.SERVER_CHANNEL, TestPki.FRONT_END_CHANNEL))
                .listen("127.0.0.1:0")
                .threads(2)
                .maxHandshakes(maxHandshakes)
                .start();
    }

    /** The front end's channel identity, trusting the servers'. */
    static ChannelKeys frontEndChannel() throws Exception {
        return TestPki.channel(TestPki.FRONT_END_CHANNEL, TestPki.SERVER_CHANNEL);
    }

    static RemoteHandshakers.Builder remote(List<HandshakeServer> servers, ChannelKeys keys) {
        List<String> targets = new ArrayList<>();
        servers.forEach(s -> targets.add("127.0.0.1:" + s.port()));
        return RemoteHandshakers.builder(String.join(",", targets)).channelKeys(keys).authority("localhost")
                .handshakeTimeout(Duration.ofSeconds(5));
    }

    /** Our provider with {@code remote}'s handshakers, initialised with no key managers at all. */
    static SSLContext frontEnd(RemoteHandshakers remote) throws Exception {
        OffloadJsseProvider provider = new OffloadJsseProvider(
                OffloadConfig.withOffloader(new InlineOffloader()).withHandshakers(remote::handshakers));
        SSLContext context = SSLContext.getInstance("TLS", provider);
        context.init(null, null, null);
        return context;
    }

    private static SSLContext clientContext;
    /** A new peer port per engine: SunJSSE would otherwise resume the session it cached for localhost:443. */
    private static final java.util.concurrent.atomic.AtomicInteger PORTS = new java.util.concurrent.atomic.AtomicInteger(1024);

    /** A SunJSSE client engine for {@code protocol} that trusts {@link TestPki#TLS}. */
    static SSLEngine sunJsseClient(String protocol) throws Exception {
        SSLEngine engine = clientContext().createSSLEngine("localhost", 1024 + PORTS.incrementAndGet() % 60_000);
        engine.setEnabledProtocols(new String[] {protocol});
        return engine;
    }

    /** One SunJSSE client context for all (made once: making one costs more than a handshake). */
    private static synchronized SSLContext clientContext() throws Exception {
        if (clientContext == null) {
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(TestPki.identity(TestPki.TLS).trustStore());
            SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
            context.init(null, trust.getTrustManagers(), null);
            clientContext = context;
        }
        return clientContext;
    }
}
