package dev.offloadjsse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.OffloadLimits;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.record.AeadAlgorithm;
import dev.offloadjsse.record.ContentType;
import dev.offloadjsse.record.RecordFormat;
import dev.offloadjsse.record.RecordLayer;
import dev.offloadjsse.record.SessionTicketSink;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import dev.offloadjsse.testing.TestCertificates.KeyType;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Each limit of {@link OffloadLimits}, hit. */
class LimitsTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    private SSLEngine server(OffloadLimits limits) throws Exception {
        Provider provider = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()).withLimits(limits));
        SSLEngine server = TestCertificates.context(provider, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        return server;
    }

    private ByteBuffer clientHello() throws Exception {
        SSLEngine client = TestCertificates.context(SUN, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        ByteBuffer hello = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), hello);
        return hello.flip();
    }

    @Test
    void aStalledHandshakeIsAbortedAfterTheTimeout() throws Exception {
        SSLEngine server = server(new OffloadLimits(Duration.ofMillis(1500), 64, 1 << 16, 1 << 17));
        server.unwrap(clientHello(), ByteBuffer.allocate(1 << 15));
        server.getDelegatedTask().run();
        ByteBuffer out = ByteBuffer.allocate(1 << 15);
        while (server.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            server.wrap(ByteBuffer.allocate(0), out);
        }
        assertThat(server.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_UNWRAP);

        Thread.sleep(3000);

        assertThatThrownBy(() -> server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 15)))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("did not complete within 1500 ms");
        assertThat(server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 15)).bytesProduced()).as("alert").isPositive();
        assertThat(server.isOutboundDone()).isTrue();
        assertThat(server.isInboundDone()).isTrue();
    }

    @Test
    void queuedHandshakeRecordsAreBounded() throws Exception {
        SSLEngine server = server(new OffloadLimits(Duration.ofSeconds(10), 2, 1 << 16, 1 << 17));
        ByteBuffer ccs = ByteBuffer.wrap(new byte[] {ContentType.CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 1});
        server.unwrap(ccs.duplicate(), ByteBuffer.allocate(1 << 15));
        server.unwrap(ccs.duplicate(), ByteBuffer.allocate(1 << 15));
        assertThatThrownBy(() -> server.unwrap(ccs.duplicate(), ByteBuffer.allocate(1 << 15)))
                .isInstanceOf(SSLException.class).hasMessageContaining("More than 2 handshake records");
    }

    @Test
    void anOversizedHandshakeMessageFailsTheHandshake() throws Exception {
        SSLEngine server = server(new OffloadLimits(Duration.ofSeconds(10), 64, 1024, 1 << 17));
        byte[] fragment = new byte[4 + 200];
        fragment[0] = 1;
        fragment[2] = (byte) 0x07;
        fragment[3] = (byte) 0xd0;
        ByteBuffer record = ByteBuffer.allocate(5 + fragment.length);
        record.put(ContentType.HANDSHAKE).put((byte) 3).put((byte) 1).putShort((short) fragment.length).put(fragment).flip();
        server.unwrap(record, ByteBuffer.allocate(1 << 15));
        server.getDelegatedTask().run();
        assertThatThrownBy(() -> server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 15)))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 15)).bytesProduced()).as("alert").isPositive();
    }

    @Test
    void anOversizedPostHandshakeMessageIsRefused() throws Exception {
        byte[] secret = new byte[32];
        RecordLayer sender = RecordLayer.tls13(AeadAlgorithm.AES_128_GCM, "HmacSHA256", secret, secret, SessionTicketSink.DISCARD, 1024);
        RecordLayer receiver = RecordLayer.tls13(AeadAlgorithm.AES_128_GCM, "HmacSHA256", secret, secret, SessionTicketSink.DISCARD, 1024);
        ByteBuffer wire = ByteBuffer.allocate(RecordFormat.MAX_PACKET);
        int body = 2000;
        wire.put(wire.position() + sender.plaintextStart(), new byte[] {4, 0, (byte) (body >> 8), (byte) body});
        sender.seal(ContentType.HANDSHAKE, wire, 4 + 1000);
        wire.flip();
        assertThatThrownBy(() -> receiver.open(wire, wire.remaining(), ByteBuffer.allocate(RecordFormat.MAX_PACKET)))
                .isInstanceOf(SSLException.class).hasMessageContaining("exceeds 1024");
    }
}
