package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.testing.EnginePair;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.security.Security;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Buffer rules of the {@link SSLEngine} javadoc, run on our engine and on SunJSSE's (the oracle):
 * the engine under test is the receiving or sending side, its peer is SunJSSE.
 */
class EngineContractTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    static Stream<Provider> engines() {
        return Stream.of(OFFLOAD, SUN);
    }

    private EnginePair established(Provider underTest) throws Exception {
        SSLContext clientContext = TestCertificates.context(underTest, null, identity);
        SSLContext serverContext = TestCertificates.context(SUN, identity, identity);
        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();
        return pair;
    }

    private static ByteBuffer record(SSLEngine sender, int plaintext) throws Exception {
        ByteBuffer wire = ByteBuffer.allocate(sender.getSession().getPacketBufferSize());
        SSLEngineResult result = sender.wrap(ByteBuffer.wrap(new byte[plaintext]), wire);
        assertThat(result.getStatus()).isEqualTo(Status.OK);
        wire.flip();
        return wire;
    }

    /** "BUFFER_UNDERFLOW: ... not enough source bytes available to make a complete packet." */
    @ParameterizedTest
    @MethodSource("engines")
    void unwrapConsumesNothingAtEverySplitOfAnApplicationRecord(Provider underTest) throws Exception {
        EnginePair pair = established(underTest);
        ByteBuffer record = record(pair.server, 300);
        ByteBuffer dst = ByteBuffer.allocate(pair.client.getSession().getApplicationBufferSize());
        for (int split = 0; split < record.remaining(); split++) {
            ByteBuffer prefix = ByteBuffer.wrap(record.array(), 0, split);
            SSLEngineResult result = pair.client.unwrap(prefix, dst);
            assertThat(result.getStatus()).as("split at %d", split).isEqualTo(Status.BUFFER_UNDERFLOW);
            assertThat(result.bytesConsumed()).isZero();
            assertThat(dst.position()).isZero();
        }
        SSLEngineResult whole = pair.client.unwrap(record, dst);
        assertThat(whole.getStatus()).isEqualTo(Status.OK);
        assertThat(whole.bytesProduced()).isEqualTo(300);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void unwrapConsumesNothingAtEverySplitOfTheClientHello(Provider underTest) throws Exception {
        SSLEngine client = TestCertificates.context(SUN, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = TestCertificates.context(underTest, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        ByteBuffer hello = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), hello);
        hello.flip();
        ByteBuffer dst = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        for (int split = 0; split < hello.remaining(); split++) {
            SSLEngineResult result = server.unwrap(ByteBuffer.wrap(hello.array(), 0, split), dst);
            assertThat(result.getStatus()).as("split at %d", split).isEqualTo(Status.BUFFER_UNDERFLOW);
            assertThat(result.bytesConsumed()).isZero();
        }
        assertThat(server.unwrap(hello, dst).bytesConsumed()).isEqualTo(hello.limit());
    }

    /** "BUFFER_OVERFLOW: There is not enough room in the destination buffer" — and nothing is consumed. */
    @ParameterizedTest
    @MethodSource("engines")
    void unwrapConsumesNothingOnOverflow(Provider underTest) throws Exception {
        EnginePair pair = established(underTest);
        ByteBuffer record = record(pair.server, 1000);
        int length = record.remaining();
        SSLEngineResult small = pair.client.unwrap(record, ByteBuffer.allocate(10));
        assertThat(small.getStatus()).isEqualTo(Status.BUFFER_OVERFLOW);
        assertThat(small.bytesConsumed()).isZero();
        assertThat(record.remaining()).isEqualTo(length);
        SSLEngineResult big = pair.client.unwrap(record, ByteBuffer.allocate(pair.client.getSession().getApplicationBufferSize()));
        assertThat(big.bytesProduced()).isEqualTo(1000);
    }

    /** Fuzz finding F1: a retry after BUFFER_OVERFLOW must not reuse a ChaCha20 nonce. */
    @ParameterizedTest
    @MethodSource("engines")
    void unwrapAfterOverflowSucceedsWithChaCha20(Provider underTest) throws Exception {
        SSLEngine client = TestCertificates.context(underTest, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledCipherSuites(new String[] {"TLS_CHACHA20_POLY1305_SHA256"});
        SSLEngine server = TestCertificates.context(SUN, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        pair.handshake();
        ByteBuffer record = record(pair.server, 1000);
        assertThat(client.unwrap(record, ByteBuffer.allocate(10)).getStatus()).isEqualTo(Status.BUFFER_OVERFLOW);
        assertThat(client.unwrap(record, ByteBuffer.allocate(client.getSession().getApplicationBufferSize())).bytesProduced())
                .isEqualTo(1000);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void unwrapTakesOneRecordPerCall(Provider underTest) throws Exception {
        EnginePair pair = established(underTest);
        ByteBuffer first = record(pair.server, 10);
        ByteBuffer second = record(pair.server, 20);
        int firstLength = first.remaining();
        ByteBuffer both = ByteBuffer.allocate(first.remaining() + second.remaining()).put(first).put(second).flip();
        ByteBuffer dst = ByteBuffer.allocate(pair.client.getSession().getApplicationBufferSize());
        SSLEngineResult result = pair.client.unwrap(both, dst);
        assertThat(result.bytesConsumed()).isEqualTo(firstLength);
        assertThat(result.bytesProduced()).isEqualTo(10);
    }

    /** Wrap output always fits getPacketBufferSize(), one record of at most 2^14 plaintext bytes. */
    @ParameterizedTest
    @MethodSource("engines")
    void wrapProducesOneRecordThatFitsThePacketBuffer(Provider underTest) throws Exception {
        EnginePair pair = established(underTest);
        ByteBuffer dst = ByteBuffer.allocate(pair.client.getSession().getPacketBufferSize());
        SSLEngineResult result = pair.client.wrap(ByteBuffer.allocate(100_000), dst);
        assertThat(result.getStatus()).isEqualTo(Status.OK);
        // SunJSSE packs 16367 bytes here (it keeps room for padding); the javadoc only bounds it.
        assertThat(result.bytesConsumed()).isBetween(16_000, 16_384);
        assertThat(result.bytesProduced()).isEqualTo(dst.position()).isLessThanOrEqualTo(dst.capacity());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void wrapConsumesNothingOnOverflow(Provider underTest) throws Exception {
        EnginePair pair = established(underTest);
        ByteBuffer src = ByteBuffer.allocate(100);
        SSLEngineResult result = pair.client.wrap(src, ByteBuffer.allocate(10));
        assertThat(result.getStatus()).isEqualTo(Status.BUFFER_OVERFLOW);
        assertThat(result.bytesConsumed()).isZero();
        assertThat(src.remaining()).isEqualTo(100);
    }

    /** NEED_TASK only while a task is available or running. */
    @ParameterizedTest
    @MethodSource("engines")
    void needTaskAlwaysComesWithATask(Provider underTest) throws Exception {
        SSLEngine client = TestCertificates.context(underTest, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = TestCertificates.context(SUN, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        pair.runTasksInline = false;
        client.beginHandshake();
        for (int i = 0; i < 100 && client.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING; i++) {
            for (SSLEngine engine : new SSLEngine[] {client, server}) {
                if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    Runnable task = engine.getDelegatedTask();
                    assertThat(task).as("task while NEED_TASK").isNotNull();
                    task.run();
                }
            }
            pair.pump();
        }
        assertThat(client.getHandshakeStatus()).isEqualTo(HandshakeStatus.NOT_HANDSHAKING);
    }
}
