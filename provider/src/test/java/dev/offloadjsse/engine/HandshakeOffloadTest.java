package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.OffloadSSLEngine;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.offload.PooledOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.security.Security;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The offload contract of DESIGN.md: tasks, the asynchronous form, failures inside and around steps. */
class HandshakeOffloadTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    private static Provider offload(dev.offloadjsse.HandshakeOffloader offloader) {
        return new OffloadJsseProvider(OffloadConfig.withOffloader(offloader));
    }

    private SSLEngine engine(Provider provider, boolean client, Identity trusted) throws Exception {
        SSLContext context = TestCertificates.context(provider, client ? null : identity, trusted);
        SSLEngine engine = client ? context.createSSLEngine("localhost", 443) : context.createSSLEngine();
        engine.setUseClientMode(client);
        return engine;
    }

    @Test
    void offloadEngineTalksToItselfInBothVersions() throws Exception {
        Provider provider = offload(new InlineOffloader());
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            SSLEngine client = engine(provider, true, identity);
            client.setEnabledProtocols(new String[] {protocol});
            EnginePair pair = new EnginePair(client, engine(provider, false, identity));
            pair.handshake();
            assertThat(pair.server.getSession().getProtocol()).isEqualTo(protocol);
            byte[] data = new byte[100_000];
            assertThat(pair.send(pair.client, data)).isEqualTo(data);
            assertThat(pair.send(pair.server, data)).isEqualTo(data);
        }
    }

    /** DESIGN.md: while handshaking, unwrap only frames and queues; the crypto runs in the task. */
    @Test
    void serverUnwrapOfClientHelloQueuesItAndAsksForATask() throws Exception {
        SSLEngine client = engine(SUN, true, identity);
        SSLEngine server = engine(offload(new InlineOffloader()), false, identity);
        ByteBuffer hello = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.beginHandshake();
        client.wrap(ByteBuffer.allocate(0), hello);
        hello.flip();
        int helloLength = hello.remaining();

        SSLEngineResult result = server.unwrap(hello, ByteBuffer.allocate(server.getSession().getApplicationBufferSize()));

        assertThat(result.bytesConsumed()).isEqualTo(helloLength);
        assertThat(result.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_TASK);
        assertThat(server.getDelegatedTask()).isNotNull();
        assertThat(server.getDelegatedTask()).as("exactly one task per step").isNull();
    }

    @Test
    void asynchronousStepsRunOnThePoolAndTheHandshakeCompletes() throws Exception {
        try (PooledOffloader pool = new PooledOffloader(2, 16)) {
            Set<String> stepThreads = ConcurrentHashMap.newKeySet();
            Provider provider = offload(new RecordingOffloader(pool, stepThreads));
            OffloadSSLEngine client = (OffloadSSLEngine) engine(provider, true, identity);
            OffloadSSLEngine server = (OffloadSSLEngine) engine(provider, false, identity);
            EnginePair pair = new EnginePair(client, server);
            pair.runTasksInline = false;
            client.beginHandshake();
            for (int i = 0; i < 50 && (client.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                    || server.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING); i++) {
                for (OffloadSSLEngine engine : new OffloadSSLEngine[] {client, server}) {
                    if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        HandshakeStatus after = engine.runDelegatedTaskAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
                        assertThat(after).as("status right after a step").isNotEqualTo(HandshakeStatus.NEED_TASK);
                    }
                }
                pair.pump();
            }
            assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(stepThreads).isNotEmpty().allMatch(name -> name.startsWith("offload-jsse-"));
            assertThat(pool.stats().completed()).isGreaterThanOrEqualTo(3);
        }
    }

    /** Issue 2: a failure inside a task is an SSLHandshakeException from the next wrap, which then emits the alert. */
    @Test
    void untrustedServerFailsTheClientTaskAndTheAlertReachesThePeer() throws Exception {
        Identity stranger = TestCertificates.identity(KeyType.RSA_2048);
        SSLEngine client = engine(offload(new InlineOffloader()), true, stranger);
        SSLEngine server = engine(SUN, false, identity);
        EnginePair pair = new EnginePair(client, server);

        assertThatThrownBy(pair::handshake).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("not trusted");
        ByteBuffer alert = ByteBuffer.allocate(4 * client.getSession().getPacketBufferSize());
        assertThat(client.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_WRAP);
        // Records the client's earlier step left unwritten (Bouncy Castle's compatibility ChangeCipherSpec) go
        // first: a protected alert is numbered after whatever preceded it.
        for (int i = 0; i < 4 && !client.isOutboundDone(); i++) {
            assertThat(client.wrap(ByteBuffer.allocate(0), alert).bytesProduced()).isPositive();
        }
        assertThat(client.isOutboundDone()).isTrue();
        alert.flip();
        assertThatThrownBy(() -> {
            while (alert.hasRemaining()) {
                server.unwrap(alert, ByteBuffer.allocate(1 << 15));
            }
        }).isInstanceOf(SSLException.class).hasMessageContaining("certificate_unknown");
    }

    @Test
    void aFullOffloadQueueFailsTheHandshakeFastWithAClearError() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (PooledOffloader pool = new PooledOffloader(1, 1)) {
            pool.run(() -> await(release));
            pool.run(() -> await(release));
            OffloadSSLEngine client = (OffloadSSLEngine) engine(offload(pool), true, identity);
            client.beginHandshake();

            client.runDelegatedTaskAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);

            assertThatThrownBy(() -> client.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 15)))
                    .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("refused");
            assertThat(pool.stats().rejected()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    /** Notes the thread each step runs on. */
    private record RecordingOffloader(PooledOffloader pool, Set<String> threads) implements dev.offloadjsse.HandshakeOffloader {
        @Override
        public java.util.concurrent.CompletionStage<Void> run(Runnable step) {
            return pool.run(() -> {
                threads.add(Thread.currentThread().getName());
                step.run();
            });
        }

        @Override
        public String name() {
            return pool.name();
        }

        @Override
        public dev.offloadjsse.OffloaderStats stats() {
            return pool.stats();
        }

        @Override
        public void close() {
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
