package dev.offloadjsse.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Post-handshake messages between two record layers that share traffic secrets (RFC 8446 §4.6). */
class RecordLayerTest {

    private final byte[] clientSecret = new byte[32];
    private final byte[] serverSecret = filled(7);
    private final List<byte[]> tickets = new ArrayList<>();
    private final RecordLayer client = layer(serverSecret, clientSecret, tickets::add);
    private final RecordLayer server = layer(clientSecret, serverSecret, SessionTicketSink.DISCARD);

    private static RecordLayer layer(byte[] read, byte[] write, SessionTicketSink sink) {
        try {
            return RecordLayer.tls13(AeadAlgorithm.AES_128_GCM, "HmacSHA256", read, write, sink, 1 << 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static ByteBuffer seal(RecordLayer sender, byte type, byte[] body) throws Exception {
        ByteBuffer wire = ByteBuffer.allocate(RecordFormat.MAX_PACKET);
        wire.put(sender.plaintextStart(), body);
        sender.seal(type, wire, body.length);
        return wire.flip();
    }

    private static InboundRecord open(RecordLayer receiver, ByteBuffer wire, ByteBuffer out) throws Exception {
        return receiver.open(wire, wire.remaining(), out);
    }

    @Test
    void newSessionTicketReachesTheClientsSink() throws Exception {
        byte[] ticket = {4, 0, 0, 3, 9, 8, 7};
        InboundRecord kind = open(client, seal(server, ContentType.HANDSHAKE, ticket), ByteBuffer.allocate(RecordFormat.MAX_PACKET));
        assertThat(kind).isEqualTo(InboundRecord.POST_HANDSHAKE);
        assertThat(tickets).singleElement().isEqualTo(new byte[] {9, 8, 7});
    }

    @Test
    void keyUpdateRequestedIsAnsweredAndBothSidesMoveToTheNextKeys() throws Exception {
        server.requestKeyUpdate(true);
        ByteBuffer wire = ByteBuffer.allocate(RecordFormat.MAX_PACKET);
        server.sealControl(wire);
        open(client, wire.flip(), ByteBuffer.allocate(RecordFormat.MAX_PACKET));
        assertThat(client.hasControlToSend()).as("client answers update_requested").isTrue();
        ByteBuffer answer = ByteBuffer.allocate(RecordFormat.MAX_PACKET);
        client.sealControl(answer);
        open(server, answer.flip(), ByteBuffer.allocate(RecordFormat.MAX_PACKET));
        assertThat(server.hasControlToSend()).as("update_not_requested needs no answer").isFalse();

        ByteBuffer out = ByteBuffer.allocate(RecordFormat.MAX_PACKET);
        assertThat(open(client, seal(server, ContentType.APPLICATION_DATA, new byte[] {1, 2}), out)).isEqualTo(InboundRecord.APPLICATION_DATA);
        assertThat(out.position()).isEqualTo(2);
        assertThat(open(server, seal(client, ContentType.APPLICATION_DATA, new byte[] {3}), out.clear())).isEqualTo(InboundRecord.APPLICATION_DATA);
    }

    @Test
    void changeCipherSpecAfterTheHandshakeIsUnexpected() {
        ByteBuffer ccs = ByteBuffer.wrap(new byte[] {ContentType.CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 1});
        assertThatThrownBy(() -> open(client, ccs, ByteBuffer.allocate(100)))
                .isInstanceOf(RecordException.class).hasMessageContaining("unexpected_message");
    }

    @Test
    void closeNotifyIsReported() throws Exception {
        server.queueAlert(false, AlertDescription.CLOSE_NOTIFY);
        ByteBuffer wire = ByteBuffer.allocate(RecordFormat.MAX_PACKET);
        server.sealControl(wire);
        assertThat(open(client, wire.flip(), ByteBuffer.allocate(RecordFormat.MAX_PACKET))).isEqualTo(InboundRecord.CLOSE_NOTIFY);
    }

    @Test
    void aFatalAlertFromThePeerIsAnException() throws Exception {
        server.queueAlert(true, AlertDescription.HANDSHAKE_FAILURE);
        ByteBuffer wire = ByteBuffer.allocate(RecordFormat.MAX_PACKET);
        server.sealControl(wire);
        assertThatThrownBy(() -> open(client, wire.flip(), ByteBuffer.allocate(RecordFormat.MAX_PACKET)))
                .isInstanceOf(PeerAlertException.class).hasMessage("Received fatal alert: handshake_failure");
    }
}
