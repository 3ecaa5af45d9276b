package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Closing in every state, run on our engine and on SunJSSE (the oracle); the engine under test
 * is the client, its peer a SunJSSE server.
 */
class CloseContractTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    static Stream<Provider> engines() {
        return Stream.of(OFFLOAD, SUN);
    }

    private SSLEngine client(Provider underTest, String protocol) throws Exception {
        SSLEngine client = TestCertificates.context(underTest, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        return client;
    }

    private EnginePair established(Provider underTest, String protocol) throws Exception {
        SSLEngine server = TestCertificates.context(SUN, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client(underTest, protocol), server);
        pair.handshake();
        return pair;
    }

    private static ByteBuffer packet(SSLEngine engine) {
        return ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void closeOutboundBeforeTheHandshakeSendsNothingAndCloses(Provider underTest) throws Exception {
        SSLEngine client = client(underTest, "TLSv1.3");
        client.closeOutbound();
        SSLEngineResult result = client.wrap(ByteBuffer.allocate(10), packet(client));
        assertThat(result.getStatus()).isEqualTo(Status.CLOSED);
        assertThat(result.bytesConsumed()).isZero();
        assertThat(client.isOutboundDone()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void closeInboundBeforeTheHandshakeDoesNotThrow(Provider underTest) throws Exception {
        SSLEngine client = client(underTest, "TLSv1.3");
        client.closeInbound();
        assertThat(client.isInboundDone()).isTrue();
    }

    /** RFC 8446 §6.1: close_notify closes the sender's direction; TLS 1.3 peers may keep writing. */
    @ParameterizedTest
    @MethodSource("engines")
    void tls13CloseNotifyHalfClosesAndThePeerMayStillWrite(Provider underTest) throws Exception {
        EnginePair pair = established(underTest, "TLSv1.3");
        pair.client.closeOutbound();
        ByteBuffer wire = packet(pair.client);
        SSLEngineResult result = pair.client.wrap(ByteBuffer.allocate(0), wire);
        assertThat(result.getStatus()).isEqualTo(Status.CLOSED);
        assertThat(result.bytesProduced()).isPositive();
        assertThat(pair.client.isOutboundDone()).isTrue();
        assertThat(pair.client.isInboundDone()).as("inbound stays open").isFalse();

        SSLEngineResult afterClose = pair.client.wrap(ByteBuffer.allocate(10), packet(pair.client));
        assertThat(afterClose.getStatus()).as("wrap after close").isEqualTo(Status.CLOSED);
        assertThat(afterClose.bytesConsumed()).isZero();

        ByteBuffer data = packet(pair.server);
        pair.server.wrap(ByteBuffer.wrap(new byte[] {7, 8}), data);
        data.flip();
        ByteBuffer plaintext = ByteBuffer.allocate(pair.client.getSession().getApplicationBufferSize());
        assertThat(pair.client.unwrap(data, plaintext).bytesProduced()).as("data after our close_notify").isEqualTo(2);
    }

    /** RFC 5246 §7.2.1: a TLS 1.2 party answers close_notify with its own. */
    @ParameterizedTest
    @MethodSource("engines")
    void tls12CloseNotifyIsAnswered(Provider underTest) throws Exception {
        EnginePair pair = established(underTest, "TLSv1.2");
        pair.server.closeOutbound();
        ByteBuffer wire = packet(pair.server);
        pair.server.wrap(ByteBuffer.allocate(0), wire);
        wire.flip();
        SSLEngineResult result = pair.client.unwrap(wire, ByteBuffer.allocate(pair.client.getSession().getApplicationBufferSize()));
        assertThat(result.getStatus()).isEqualTo(Status.CLOSED);
        assertThat(pair.client.isInboundDone()).isTrue();
        assertThat(pair.client.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_WRAP);
        SSLEngineResult answer = pair.client.wrap(ByteBuffer.allocate(0), packet(pair.client));
        assertThat(answer.bytesProduced()).isPositive();
        assertThat(pair.client.isOutboundDone()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void closeInboundWithoutCloseNotifyIsATruncationError(Provider underTest) throws Exception {
        EnginePair pair = established(underTest, "TLSv1.3");
        assertThatThrownBy(pair.client::closeInbound).isInstanceOf(SSLException.class);
        assertThat(pair.client.isInboundDone()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void closeOutboundDuringTheHandshakeEndsIt(Provider underTest) throws Exception {
        SSLEngine client = client(underTest, "TLSv1.3");
        client.beginHandshake();
        Runnable task = client.getDelegatedTask();
        if (task != null) {
            task.run();
        }
        client.wrap(ByteBuffer.allocate(0), packet(client));
        client.closeOutbound();
        for (int i = 0; i < 5 && !client.isOutboundDone(); i++) {
            client.wrap(ByteBuffer.allocate(0), packet(client));
        }
        assertThat(client.isOutboundDone()).isTrue();
        assertThat(client.wrap(ByteBuffer.allocate(10), packet(client)).getStatus()).isEqualTo(Status.CLOSED);
    }
}
