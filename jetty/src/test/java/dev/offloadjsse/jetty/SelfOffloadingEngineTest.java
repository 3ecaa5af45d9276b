package dev.offloadjsse.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.OffloadSSLEngine;
import dev.offloadjsse.OffloaderStats;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.offload.PooledOffloader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SelfOffloadingEngine} as an owner that runs {@code NEED_TASK} itself would use it, an
 * OffloadJSSE server against a SunJSSE client in memory: the owner never sees {@code NEED_TASK},
 * never gets a task, and is woken ({@code wakeAfterStep}) once for each step still running when
 * the call that started it returned, never when the offloader runs the step in the call.
 */
class SelfOffloadingEngineTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path files;

    private static Path serverKeyStore;

    /** A P-256 key and self-signed certificate for localhost, from the JDK's keytool. */
    @BeforeAll
    static void generateServerKey() throws Exception {
        serverKeyStore = files.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-storetype", "PKCS12", "-keystore", serverKeyStore.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void stepsRunOnThePoolAndResumeTheOwner(String protocol) throws Exception {
        try (PooledOffloader pool = new PooledOffloader(1, 16)) {
            Owner owner = new Owner(pool, protocol);

            owner.handshakeAndExchange();

            assertThat(owner.statuses).doesNotContain(HandshakeStatus.NEED_TASK);
            // A step done before the call that started it returned needs no wake-up.
            assertThat((long) owner.resumes.get()).isPositive().isLessThanOrEqualTo(pool.stats().completed());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aStepStillRunningWhenTheCallReturnsResumesTheOwnerOnce(String protocol) throws Exception {
        SlowOffloader slow = new SlowOffloader();
        Owner owner = new Owner(slow, protocol);

        owner.handshakeAndExchange();

        assertThat(owner.statuses).doesNotContain(HandshakeStatus.NEED_TASK);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (owner.resumes.get() < slow.completed.get() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(owner.resumes.get()).isPositive().isEqualTo(slow.completed.get());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void anInlineOffloaderLetsTheOwnerGoOnWithoutAResume(String protocol) throws Exception {
        Owner owner = new Owner(new InlineOffloader(), protocol);

        owner.handshakeAndExchange();

        assertThat(owner.statuses).doesNotContain(HandshakeStatus.NEED_TASK);
        assertThat(owner.resumes.get()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aFailedStepShowsTheInboundOpenUntilTheNextCallThrowsThenTheAlertIsWritten(String protocol) throws Exception {
        Owner owner = new Owner(new SlowOffloader(), protocol);
        // An RSA suite for an ECDSA certificate: the server's first step fails.
        owner.client.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
        owner.client.setEnabledProtocols(new String[] {"TLSv1.2"});

        SSLException failure = owner.handshakeFailure();

        assertThat(failure).isInstanceOf(SSLHandshakeException.class);
        assertThat(owner.inboundDoneAtResume).containsOnly(false);
        assertThat(owner.server.isInboundDone()).isTrue();
        assertThat(owner.statuses).doesNotContain(HandshakeStatus.NEED_TASK);
        assertThat(owner.clientFailure).isNotNull().hasMessageContaining("handshake_failure");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aFinishedThatAnEmptyUnwrapWouldReportGoesToTheNextWrap(String protocol) throws Exception {
        Owner owner = new Owner(new SlowOffloader(), protocol);
        owner.unwrapFirstAfterWake = true;

        owner.handshakeAndExchange();

        assertThat(owner.unwrapsAfterWake).isNotEmpty().noneMatch(result ->
                result.getHandshakeStatus() == HandshakeStatus.FINISHED && result.bytesConsumed() == 0 && result.bytesProduced() == 0);
        assertThat(owner.finishedByWrap).isTrue();
    }

    /**
     * The hang Jetty had: a step finishes while the owner is still on its way to wait (and may
     * have marked bytes it holds as an underflow); the owner's next wait must end at once.
     */
    @Test
    void aStepThatFinishedBeforeTheOwnerWaitedWakesItAtOnce() throws Exception {
        SlowOffloader slow = new SlowOffloader();
        Owner owner = new Owner(slow, "TLSv1.3");
        owner.client.beginHandshake();
        ByteBuffer clientHello = ByteBuffer.allocate(owner.client.getSession().getPacketBufferSize());
        owner.client.wrap(ByteBuffer.allocate(0), clientHello);
        clientHello.flip();

        SSLEngineResult result = owner.server.unwrap(clientHello, ByteBuffer.allocate(owner.server.getSession().getApplicationBufferSize()));
        assertThat(result.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_UNWRAP);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (slow.completed.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        Thread.sleep(20); // the step's completion has run its callbacks
        AtomicInteger woken = new AtomicInteger();

        assertThat(owner.server.wakeAfterStep(woken::incrementAndGet)).isTrue();
        assertThat(woken.get()).isEqualTo(1);
        assertThat(owner.server.wakeAfterStep(woken::incrementAndGet)).as("only once per step").isFalse();
        assertThat(owner.server.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_WRAP);
    }

    /** Runs each step 20 ms after it is handed over, on another thread: never within the call. */
    private static final class SlowOffloader implements HandshakeOffloader {
        final AtomicInteger completed = new AtomicInteger();
        private final Executor later = CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);

        @Override
        public CompletionStage<Void> run(Runnable step) {
            return CompletableFuture.runAsync(() -> {
                step.run();
                completed.incrementAndGet();
            }, later);
        }

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public OffloaderStats stats() {
            return new OffloaderStats(completed.get(), completed.get(), 0, 0, 0);
        }

        @Override
        public void close() {
        }
    }

    /**
     * The owner: drives the view as Jetty's {@code SslConnection} does — wrap while
     * {@code NEED_WRAP}, unwrap what the client sent, and when nothing is left to unwrap, wait for
     * the client's bytes or, when the view says a step runs or ran, for its wake-up.
     */
    private static final class Owner {
        final SSLEngine client;
        final SelfOffloadingEngine server;
        final List<HandshakeStatus> statuses = new ArrayList<>();
        final AtomicInteger resumes = new AtomicInteger();
        final Semaphore resumed = new Semaphore(0);
        final List<Boolean> inboundDoneAtResume = new ArrayList<>();
        /** Calls unwrap first when woken, as Jetty does when it had read the masked NEED_UNWRAP. */
        boolean unwrapFirstAfterWake;
        final List<SSLEngineResult> unwrapsAfterWake = new ArrayList<>();
        boolean finishedByWrap;
        SSLException clientFailure;
        private final ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        private final ByteBuffer toClient = ByteBuffer.allocate(1 << 17);

        Owner(HandshakeOffloader offloader, String protocol) throws Exception {
            KeyStore keys = KeyStore.getInstance(serverKeyStore.toFile(), PASSWORD.toCharArray());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("SunX509");
            keyManagers.init(keys, PASSWORD.toCharArray());
            SSLContext serverContext = SSLContext.getInstance("TLS", new OffloadJsseProvider(OffloadConfig.withOffloader(offloader)));
            serverContext.init(keyManagers.getKeyManagers(), null, null);
            OffloadSSLEngine engine = (OffloadSSLEngine) serverContext.createSSLEngine();
            engine.setUseClientMode(false);
            server = new SelfOffloadingEngine(engine);

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", keys.getCertificate("server"));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(trust);
            SSLContext clientContext = SSLContext.getInstance("TLS", "SunJSSE");
            clientContext.init(null, trustManagers.getTrustManagers(), null);
            client = clientContext.createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            client.setEnabledProtocols(new String[] {protocol});
        }

        void handshakeAndExchange() throws Exception {
            handshake();
            byte[] request = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            client.wrap(ByteBuffer.wrap(request), toServer);
            ByteBuffer plain = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
            toServer.flip();
            while (plain.position() < request.length) {
                server.unwrap(toServer, plain);
            }
            toServer.compact();
            assertThat(new String(plain.array(), 0, plain.position(), StandardCharsets.US_ASCII))
                    .isEqualTo(new String(request, StandardCharsets.US_ASCII));
        }

        SSLException handshakeFailure() throws Exception {
            try {
                handshake();
            } catch (SSLException e) {
                // The server's alert reaches the client, which then fails too.
                ByteBuffer alert = ByteBuffer.allocate(server.getSession().getPacketBufferSize());
                server.wrap(ByteBuffer.allocate(0), alert);
                alert.flip();
                try {
                    client.unwrap(alert, ByteBuffer.allocate(client.getSession().getApplicationBufferSize()));
                } catch (SSLException clientSide) {
                    clientFailure = clientSide;
                }
                return e;
            }
            throw new AssertionError("the handshake succeeded");
        }

        private void handshake() throws Exception {
            client.beginHandshake();
            ByteBuffer clientPlain = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());
            ByteBuffer serverPlain = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
            ByteBuffer empty = ByteBuffer.allocate(0);
            for (int round = 0; round < 100; round++) {
                runClient(clientPlain, empty);
                HandshakeStatus status = serverTurn(serverPlain, empty);
                if (statuses.contains(HandshakeStatus.FINISHED) && status == HandshakeStatus.NOT_HANDSHAKING
                        && client.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
                    return;
                }
            }
            throw new AssertionError("no handshake after 100 rounds: server " + server.getHandshakeStatus()
                    + ", client " + client.getHandshakeStatus());
        }

        private void runClient(ByteBuffer plain, ByteBuffer empty) {
            toClient.flip();
            try {
                while (true) {
                    HandshakeStatus status = client.getHandshakeStatus();
                    if (status == HandshakeStatus.NEED_TASK) {
                        client.getDelegatedTask().run();
                    } else if (status == HandshakeStatus.NEED_WRAP) {
                        client.wrap(empty, toServer);
                    } else if (toClient.hasRemaining()
                            && client.unwrap(toClient, plain).getStatus() == SSLEngineResult.Status.OK) {
                        continue;
                    } else {
                        return;
                    }
                }
            } catch (SSLException e) {
                throw new AssertionError("the client failed first", e);
            } finally {
                toClient.compact();
            }
        }

        /** Like Jetty: wrap and unwrap until nothing moves, then wait for resume if a step runs. */
        private HandshakeStatus serverTurn(ByteBuffer plain, ByteBuffer empty) throws Exception {
            toServer.flip();
            try {
                while (true) {
                    HandshakeStatus status = observe(server.getHandshakeStatus());
                    assertThat(server.getDelegatedTask()).isNull();
                    if (status == HandshakeStatus.NEED_WRAP) {
                        HandshakeStatus afterWrap = observe(server.wrap(empty, toClient).getHandshakeStatus());
                        finishedByWrap |= afterWrap == HandshakeStatus.FINISHED;
                    } else if (status != HandshakeStatus.NEED_TASK && toServer.hasRemaining()) {
                        SSLEngineResult result = server.unwrap(toServer, plain);
                        observe(result.getHandshakeStatus());
                        if (result.bytesConsumed() == 0) {
                            awaitStep(plain);
                            return status;
                        }
                    } else if (status == HandshakeStatus.NEED_UNWRAP) {
                        awaitStep(plain);
                        return status;
                    } else {
                        return status;
                    }
                }
            } finally {
                toServer.compact();
            }
        }

        /** Like Jetty about to wait for input: waits for the step if the view says one runs or ran. */
        private void awaitStep(ByteBuffer plain) throws Exception {
            if (server.wakeAfterStep(() -> {
                resumes.incrementAndGet();
                resumed.release();
            })) {
                assertThat(resumed.tryAcquire(10, TimeUnit.SECONDS)).as("woken after the step").isTrue();
                inboundDoneAtResume.add(server.isInboundDone());
                if (unwrapFirstAfterWake && !server.isInboundDone()) {
                    unwrapsAfterWake.add(server.unwrap(ByteBuffer.allocate(0), plain));
                }
            }
        }

        private HandshakeStatus observe(HandshakeStatus status) {
            statuses.add(status);
            return status;
        }
    }
}
