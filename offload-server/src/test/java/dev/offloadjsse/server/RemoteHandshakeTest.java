package dev.offloadjsse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offloadjsse.remote.ChannelKeys;
import dev.offloadjsse.remote.RemoteHandshakers;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A front end of our provider whose SSLContext has no key at all, its handshakes run by handshake
 * servers on loopback, against SunJSSE clients (the oracle: a client that completes the handshake
 * and exchanges data has verified the server's signature and Finished, so the keys were right).
 */
class RemoteHandshakeTest {

    private static HandshakeServer first;
    private static HandshakeServer second;

    @BeforeAll
    static void startServers() throws Exception {
        first = server(1024);
        second = server(1024);
    }

    @AfterAll
    static void stopServers() {
        first.kill();
        second.kill();
    }

    @Test
    void tls13HandshakeRunsOnTheServerAndTheFrontEndHoldsNoKey() throws Exception {
        try (RemoteHandshakers remote = remote(first, TestPki.channel(TestPki.FRONT_END_CHANNEL, TestPki.SERVER_CHANNEL))) {
            EnginePair pair = new EnginePair(sunJsseClient("TLSv1.3"), frontEnd(remote).createSSLEngine());
            long before = first.stats().completed();

            pair.handshakeAndExchange();

            assertThat(pair.client.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(pair.client.getSession().getPeerCertificates()[0]).isEqualTo(tlsCertificate());
            assertThat(pair.server.getSession().getLocalCertificates()[0]).isEqualTo(tlsCertificate());
            assertThat(first.stats().completed()).isEqualTo(before + 1);
            assertThat(pair.server.getSession().getValue("offloadjsse.servedBy"))
                    .isEqualTo("remote handshake on handshake server " + first.name());
        }
    }

    @Test
    void tls12HandshakeRunsOnTheServer() throws Exception {
        try (RemoteHandshakers remote = remote(first, TestPki.channel(TestPki.FRONT_END_CHANNEL, TestPki.SERVER_CHANNEL))) {
            EnginePair pair = new EnginePair(sunJsseClient("TLSv1.2"), frontEnd(remote).createSSLEngine());

            pair.handshakeAndExchange();

            assertThat(pair.client.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(pair.server.getSession().getCipherSuite()).isEqualTo(pair.client.getSession().getCipherSuite());
        }
    }

    @Test
    void roundRobinSpreadsHandshakesOverTwoServers() throws Exception {
        try (RemoteHandshakers remote = remote(List.of(first, second), TestPki.channel(TestPki.FRONT_END_CHANNEL, TestPki.SERVER_CHANNEL))) {
            SSLContext frontEnd = frontEnd(remote);
            long firstBefore = first.stats().completed();
            long secondBefore = second.stats().completed();
            for (String protocol : List.of("TLSv1.3", "TLSv1.2", "TLSv1.3", "TLSv1.2", "TLSv1.3", "TLSv1.2", "TLSv1.3", "TLSv1.2")) {
                new EnginePair(sunJsseClient(protocol), frontEnd.createSSLEngine()).handshakeAndExchange();
            }
            assertThat(first.stats().completed() - firstBefore).isPositive();
            assertThat(second.stats().completed() - secondBefore).isPositive();
        }
    }

    @Test
    void frontEndWithAnUntrustedChannelCertificateGetsNothing() throws Exception {
        assertRefused(TestPki.channel(TestPki.STRANGER, TestPki.SERVER_CHANNEL));
    }

    @Test
    void frontEndWithoutAChannelCertificateGetsNothing() throws Exception {
        ChannelKeys anonymous = TestPki.channel(TestPki.FRONT_END_CHANNEL, TestPki.SERVER_CHANNEL);
        assertRefused(new ChannelKeys(null, anonymous.trust()));
    }

    private static void assertRefused(ChannelKeys keys) throws Exception {
        long started = first.stats().started();
        try (RemoteHandshakers remote = remote(first, keys)) {
            EnginePair pair = new EnginePair(sunJsseClient("TLSv1.3"), frontEnd(remote).createSSLEngine());

            assertThatThrownBy(pair::handshakeAndExchange).isInstanceOf(SSLException.class);
            assertThat(failureOf(pair)).hasMessageContaining("Remote handshake");
            assertThat(first.stats().started()).isEqualTo(started);
        }
    }

    @Test
    void fullServerRefusesWithResourceExhausted() throws Exception {
        HandshakeServer small = server(1);
        try (RemoteHandshakers remote = RemoteHandshakers.builder("127.0.0.1:" + small.port())
                .channelKeys(TestPki.channel(TestPki.FRONT_END_CHANNEL, TestPki.SERVER_CHANNEL))
                .authority("localhost").attempts(1).handshakeTimeout(Duration.ofSeconds(5)).build()) {
            SSLContext frontEnd = frontEnd(remote);
            EnginePair holder = new EnginePair(sunJsseClient("TLSv1.3"), frontEnd.createSSLEngine());
            holder.untilServerStepped();
            EnginePair refused = new EnginePair(sunJsseClient("TLSv1.3"), frontEnd.createSSLEngine());

            assertThatThrownBy(refused::handshakeAndExchange).isInstanceOf(SSLException.class);
            assertThat(failureOf(refused)).hasMessageContaining("RESOURCE_EXHAUSTED").hasMessageContaining("full");
            assertThat(small.stats().refused()).isEqualTo(1);
            holder.server.closeOutbound();
        } finally {
            small.kill();
        }
    }

    @Test
    void killedServerFailsOnlyItsInFlightHandshakes() throws Exception {
        HandshakeServer doomed = server(1024);
        HandshakeServer survivor = server(1024);
        try (RemoteHandshakers remote = remote(List.of(doomed, survivor), TestPki.channel(TestPki.FRONT_END_CHANNEL, TestPki.SERVER_CHANNEL))) {
            SSLContext frontEnd = frontEnd(remote);
            for (int i = 0; i < 10 && (doomed.stats().completed() == 0 || survivor.stats().completed() == 0); i++) {
                new EnginePair(sunJsseClient("TLSv1.3"), frontEnd.createSSLEngine()).handshakeAndExchange();
            }
            List<EnginePair> flood = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                EnginePair pair = new EnginePair(sunJsseClient(i % 2 == 0 ? "TLSv1.3" : "TLSv1.2"), frontEnd.createSSLEngine());
                pair.untilServerStepped();
                flood.add(pair);
            }
            int inFlightOnDoomed = doomed.inFlight();
            assertThat(inFlightOnDoomed).isBetween(1, 11);
            assertThat(survivor.inFlight()).isEqualTo(12 - inFlightOnDoomed);

            doomed.kill();

            int failed = 0;
            for (EnginePair pair : flood) {
                try {
                    pair.handshakeAndExchange();
                } catch (SSLException e) {
                    failed++;
                    assertThat(failureOf(pair)).isInstanceOf(SSLHandshakeException.class)
                            .hasMessageContaining("handshake server " + doomed.name());
                }
            }
            assertThat(failed).isEqualTo(inFlightOnDoomed);
            for (int i = 0; i < 4; i++) {
                new EnginePair(sunJsseClient("TLSv1.3"), frontEnd.createSSLEngine()).handshakeAndExchange();
            }
        } finally {
            doomed.kill();
            survivor.kill();
        }
    }

    /** The exception the front end's engine threw (the SunJSSE client may fail too, on the alert). */
    private static SSLException failureOf(EnginePair pair) {
        assertThat(pair.serverFailure).as("the front end's failure").isNotNull();
        return pair.serverFailure;
    }

    private static HandshakeServer server(int maxHandshakes) throws Exception {
        return Loopback.server(maxHandshakes);
    }

    private static RemoteHandshakers remote(HandshakeServer server, ChannelKeys keys) throws Exception {
        return remote(List.of(server), keys);
    }

    private static RemoteHandshakers remote(List<HandshakeServer> servers, ChannelKeys keys) throws Exception {
        return Loopback.remote(servers, keys).build();
    }

    private static SSLContext frontEnd(RemoteHandshakers remote) throws Exception {
        return Loopback.frontEnd(remote);
    }

    private static SSLEngine sunJsseClient(String protocol) throws Exception {
        return Loopback.sunJsseClient(protocol);
    }

    private static X509Certificate tlsCertificate() {
        return TestPki.identity(TestPki.TLS).certificate();
    }
}
