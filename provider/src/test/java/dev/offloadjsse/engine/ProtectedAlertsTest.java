package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.OffloadLimits;
import dev.offloadjsse.OffloadSSLEngine;
import dev.offloadjsse.OffloaderStats;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * RFC 8446 §5 and §6: once handshake traffic keys are in use, alerts are protected records under
 * the current write key (RFC 5246 §7.1 likewise after ChangeCipherSpec). The oracle is a SunJSSE
 * peer: it must read the alert as an alert, not fail on a record it cannot decrypt.
 */
class ProtectedAlertsTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    @Test
    void refusedTls13ServerStepAfterItsFlightSendsAnEncryptedInternalError() throws Exception {
        EnginePair pair = pair(SUN, offload(new RefusingAfter(1), OffloadLimits.DEFAULT), "TLSv1.3");

        driveUntilServerHasQueuedTheClientFinished(pair);
        stepServerAsync(pair);

        assertThatThrownBy(pair::pump).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("refused");
        assertThat(peerFailure(pair, pair.client)).isInstanceOf(SSLException.class)
                .hasMessage("Received fatal alert: internal_error");
    }

    @Test
    void refusedTls12ClientStepAfterItsChangeCipherSpecSendsAnEncryptedInternalError() throws Exception {
        // Client steps: ClientHello; ServerHello..ServerHelloDone -> CKE, CCS, Finished; the server's CCS, Finished (refused).
        SSLEngine client = engine(offload(new RefusingAfter(2), OffloadLimits.DEFAULT), true);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        EnginePair pair = new EnginePair(client, engine(SUN, false));
        pair.runTasksInline = false;
        client.beginHandshake();
        assertThatThrownBy(() -> drive(pair)).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("refused");

        assertThat(peerFailure(pair, pair.server)).isInstanceOf(SSLException.class)
                .hasMessage("Received fatal alert: internal_error");
    }

    /** RFC 5246 §7.3: a resuming TLS 1.2 server sends ChangeCipherSpec and Finished first, so its alert must follow them encrypted. */
    @Test
    void refusedResumingTls12ServerStepAfterItsChangeCipherSpecSendsAnEncryptedInternalError() throws Exception {
        // Server steps: full handshake 2 (ClientHello; CKE, CCS, Finished), resumption 1 (ClientHello), then refused.
        SSLContext serverContext = TestCertificates.context(offload(new RefusingAfter(3), OffloadLimits.DEFAULT), identity, identity);
        SSLContext clientContext = TestCertificates.context(SUN, null, identity);
        EnginePair full = tls12Pair(clientContext, serverContext);
        full.client.beginHandshake();
        drive(full);
        assertThat(full.client.getSession().getProtocol()).isEqualTo("TLSv1.2");

        EnginePair resumed = tls12Pair(clientContext, serverContext);
        driveUntilServerHasQueuedTheClientFinished(resumed);
        stepServerAsync(resumed);

        assertThatThrownBy(resumed::pump).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("refused");
        assertThat(peerFailure(resumed, resumed.client)).isInstanceOf(SSLException.class)
                .hasMessage("Received fatal alert: internal_error");
    }

    private static EnginePair tls12Pair(SSLContext clientContext, SSLContext serverContext) {
        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        pair.runTasksInline = false;
        return pair;
    }

    /**
     * Oracle: a SunJSSE server that calls closeOutbound() at the same point; its client finishes
     * its side of the handshake, reads the warnings and the close_notify, and closes its inbound
     * side cleanly, with no exception.
     */
    @Test
    void closeOutboundAfterTheTls13ServerFlightSendsEncryptedUserCanceledAndCloseNotify() throws Exception {
        for (Provider server : new Provider[] {SUN, offload(new InlineOffloader(), OffloadLimits.DEFAULT)}) {
            EnginePair pair = pair(SUN, server, "TLSv1.3");
            driveUntilClientHasTheServerFlight(pair);

            pair.server.closeOutbound();
            for (int i = 0; i < 20; i++) {
                pair.pump();
                runTasks(pair.client);
            }

            assertThat(pair.server.isOutboundDone()).as(server.getName()).isTrue();
            assertThat(pair.client.isInboundDone()).as(server.getName() + ": client read the close_notify").isTrue();
        }
    }

    @Test
    void handshakeTimeoutAfterTheTls13ServerFlightSendsAnEncryptedAlert() throws Exception {
        OffloadLimits limits = new OffloadLimits(Duration.ofMillis(200), OffloadLimits.DEFAULT.maxQueuedRecords(),
                OffloadLimits.DEFAULT.maxHandshakeMessageSize(), OffloadLimits.DEFAULT.maxPostHandshakeMessageSize());
        EnginePair pair = pair(SUN, offload(new InlineOffloader(), limits), "TLSv1.3");
        driveUntilServerHasQueuedTheClientFinished(pair);

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pair.server.getHandshakeStatus() != HandshakeStatus.NEED_WRAP && System.nanoTime() < until) {
            Thread.sleep(20);
        }

        assertThatThrownBy(pair::pump).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("did not complete");
        // The engine's deadline alert is a fatal user_canceled, which SunJSSE 17 reports as "Received fatal
        // close_notify alert": read as an alert, not as a record it cannot open.
        assertThat(peerFailure(pair, pair.client)).isInstanceOf(SSLException.class)
                .hasMessage("Received fatal close_notify alert");
    }

    /** Delivers what is on the wire to {@code peer}, a SunJSSE engine, running its tasks, until it fails. */
    private static SSLException peerFailure(EnginePair pair, SSLEngine peer) throws Exception {
        for (int i = 0; i < 20; i++) {
            try {
                pair.pump();
                runTasks(peer);
            } catch (SSLException e) {
                return e;
            }
        }
        throw new AssertionError("SunJSSE peer did not fail: " + peer.getHandshakeStatus());
    }

    // ---- driving ----------------------------------------------------------------------------

    private EnginePair pair(Provider clientProvider, Provider serverProvider, String protocol) throws Exception {
        SSLEngine client = engine(clientProvider, true);
        client.setEnabledProtocols(new String[] {protocol});
        EnginePair pair = new EnginePair(client, engine(serverProvider, false));
        pair.runTasksInline = false;
        return pair;
    }

    /** ClientHello in, the server's whole flight out to the client, which has not yet answered. */
    private static void driveUntilClientHasTheServerFlight(EnginePair pair) throws Exception {
        pair.client.beginHandshake();
        pair.server.beginHandshake();
        pair.pump();
        stepServerAsync(pair);
        pair.pump();
        assertThat(pair.client.getHandshakeStatus()).as("client has the server flight to process").isEqualTo(HandshakeStatus.NEED_TASK);
    }

    /** ClientHello in, the server's whole flight out to the client, the client's Finished back into the server's queue. */
    private static void driveUntilServerHasQueuedTheClientFinished(EnginePair pair) throws Exception {
        pair.client.beginHandshake();
        pair.server.beginHandshake();
        pair.pump();
        stepServerAsync(pair);
        for (int i = 0; i < 20 && pair.server.getHandshakeStatus() != HandshakeStatus.NEED_TASK; i++) {
            pair.pump();
            runTasks(pair.client);
        }
        pair.pump();
        assertThat(pair.server.getHandshakeStatus()).as("server waits to process the client's Finished")
                .isEqualTo(HandshakeStatus.NEED_TASK);
    }

    /** Runs every step through the engines' offloaders (SunJSSE's tasks inline) until neither moves. */
    private static void drive(EnginePair pair) throws Exception {
        for (int i = 0; i < 50; i++) {
            pair.pump();
            runTasks(pair.server);
            runTasks(pair.client);
        }
    }

    private static void runTasks(SSLEngine engine) throws Exception {
        if (engine instanceof OffloadSSLEngine offload) {
            if (offload.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                offload.runDelegatedTaskAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            return;
        }
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static void stepServerAsync(EnginePair pair) throws Exception {
        assertThat(pair.server.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_TASK);
        runTasks(pair.server);
    }

    private SSLEngine engine(Provider provider, boolean client) throws Exception {
        SSLContext context = TestCertificates.context(provider, client ? null : identity, identity);
        SSLEngine engine = client ? context.createSSLEngine("localhost", 443) : context.createSSLEngine();
        engine.setUseClientMode(client);
        return engine;
    }

    private static Provider offload(HandshakeOffloader offloader, OffloadLimits limits) {
        return new OffloadJsseProvider(OffloadConfig.withOffloader(offloader).withLimits(limits));
    }

    /** Runs the first {@code allowed} steps inline, then refuses every step as a full queue does. */
    private static final class RefusingAfter implements HandshakeOffloader {
        private final InlineOffloader inline = new InlineOffloader();
        private final AtomicInteger left;

        RefusingAfter(int allowed) {
            this.left = new AtomicInteger(allowed);
        }

        @Override
        public CompletionStage<Void> run(Runnable step) {
            if (left.getAndDecrement() > 0) {
                return inline.run(step);
            }
            return CompletableFuture.failedFuture(new RejectedExecutionException("queue full (test)"));
        }

        @Override
        public String name() {
            return "refusing-after";
        }

        @Override
        public OffloaderStats stats() {
            return inline.stats();
        }

        @Override
        public void close() {
        }
    }
}
