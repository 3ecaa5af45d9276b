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
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** Bad input ends in an SSLException, a fatal alert for the peer, and a closed engine. */
class MalformedInputTest {

    private static final Provider SUN = Security.getProvider("SunJSSE");
    private static final Provider OFFLOAD = new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader()));
    private final Identity identity = TestCertificates.identity(KeyType.EC_P256);

    @Test
    void plainHttpToTheServerIsRefusedWithAnAlert() throws Exception {
        SSLEngine server = TestCertificates.context(OFFLOAD, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        ByteBuffer http = ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> server.unwrap(http, ByteBuffer.allocate(1 << 15)))
                .isInstanceOf(SSLException.class).hasMessageContaining("plain HTTP");

        assertAlertThenClosed(server);
    }

    @Test
    void alteredApplicationRecordFailsWithBadRecordMac() throws Exception {
        SSLEngine client = TestCertificates.context(OFFLOAD, null, identity).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = TestCertificates.context(SUN, identity, identity).createSSLEngine();
        server.setUseClientMode(false);
        new EnginePair(client, server).handshake();
        ByteBuffer record = ByteBuffer.allocate(server.getSession().getPacketBufferSize());
        server.wrap(ByteBuffer.wrap(new byte[100]), record);
        record.flip();
        record.put(20, (byte) (record.get(20) ^ 1));

        assertThatThrownBy(() -> client.unwrap(record, ByteBuffer.allocate(1 << 15)))
                .isInstanceOf(SSLException.class).hasMessageContaining("bad_record_mac");

        ByteBuffer alert = assertAlertThenClosed(client);
        assertThatThrownBy(() -> server.unwrap(alert, ByteBuffer.allocate(1 << 15)))
                .isInstanceOf(SSLException.class).hasMessageContaining("bad_record_mac");
    }

    private static ByteBuffer assertAlertThenClosed(SSLEngine engine) throws SSLException {
        assertThat(engine.getHandshakeStatus()).isEqualTo(HandshakeStatus.NEED_WRAP);
        ByteBuffer alert = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), alert);
        assertThat(result.bytesProduced()).isPositive();
        assertThat(alert.get(0)).as("record type").isIn((byte) 21, (byte) 23);
        assertThat(engine.isOutboundDone()).isTrue();
        assertThat(engine.isInboundDone()).isTrue();
        assertThat(engine.wrap(ByteBuffer.allocate(10), ByteBuffer.allocate(1 << 15)).getStatus())
                .isEqualTo(SSLEngineResult.Status.CLOSED);
        return alert.flip();
    }
}
