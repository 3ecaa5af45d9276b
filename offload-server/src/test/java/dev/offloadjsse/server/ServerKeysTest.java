package dev.offloadjsse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What the handshake server agrees to sign for a keyless front end: only the inputs a TLS server
 * signs, RFC 8446 §4.4.3 (TLS 1.3 CertificateVerify) and RFC 8422 §5.4 (TLS 1.2 ServerKeyExchange).
 */
class ServerKeysTest {

    @Test
    void signsATls13ServerCertificateVerifyInputWithEachSha2Length() {
        for (int hash : new int[] {32, 48, 64}) {
            assertThat(ServerKeys.refusal(tls13Input("TLS 1.3, server CertificateVerify", hash))).as("hash " + hash).isNull();
        }
    }

    @Test
    void refusesTheClientCertificateVerifyContext() {
        assertThat(ServerKeys.refusal(tls13Input("TLS 1.3, client CertificateVerify", 32))).isNotNull();
    }

    @Test
    void signsTls12EcdheParametersWithNothingAfterThePoint() {
        assertThat(ServerKeys.refusal(tls12Input(65, 0))).isNull();
        assertThat(ServerKeys.refusal(tls12Input(32, 0))).isNull();
        assertThat(ServerKeys.refusal(tls12Input(65, 1))).isNotNull();
    }

    @Test
    void refusesADerStructure() {
        byte[] der = new byte[200];
        der[0] = 0x30;
        assertThat(ServerKeys.refusal(der)).isNotNull();
    }

    private static byte[] tls13Input(String context, int hash) {
        byte[] label = context.getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[64 + label.length + 1 + hash];
        Arrays.fill(message, 0, 64, (byte) 0x20);
        System.arraycopy(label, 0, message, 64, label.length);
        return message;
    }

    /** Randoms, curve_type named_curve (3), x25519/secp256r1, the point's length and the point, then {@code trailing} bytes. */
    private static byte[] tls12Input(int point, int trailing) {
        byte[] message = new byte[64 + 4 + point + trailing];
        message[64] = 3;
        message[66] = (byte) (point == 32 ? 0x1d : 0x17);
        message[67] = (byte) point;
        return message;
    }
}
