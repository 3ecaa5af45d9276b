package dev.offloadjsse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offloadjsse.remote.RemoteHandshakers;
import dev.offloadjsse.remote.RemoteHandshakers.Granularity;
import dev.offloadjsse.remote.RemoteKey;
import dev.offloadjsse.remote.RemoteKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The private-key-operations-only granularity: the front end runs the handshake and the
 * handshake server makes its one signature. Oracles: the certificate's public key verifies the
 * signature (JCA), and a SunJSSE client completes the handshake (it verified CertificateVerify).
 */
class PrivateKeyOnlyTest {

    /** ecdsa_secp256r1_sha256 (RFC 8446 §4.2.3). */
    private static final int ECDSA_P256_SHA256 = 0x0403;

    private static HandshakeServer first;
    private static HandshakeServer second;

    @BeforeAll
    static void startServers() throws Exception {
        first = Loopback.server(1024);
        second = Loopback.server(1024);
    }

    @AfterAll
    static void stopServers() {
        first.kill();
        second.kill();
    }

    @Test
    void frontEndGetsTheServersCertificatesAndKeysWithoutEncoding() throws Exception {
        try (RemoteHandshakers remote = keyless(List.of(first))) {
            RemoteKeys keys = remote.serverKeys();

            String[] aliases = keys.getServerAliases("EC", null);
            assertThat(aliases).containsExactly(RemoteKeys.keyId(TestPki.identity(TestPki.TLS).certificate()));
            assertThat(keys.getCertificateChain(aliases[0])).containsExactly(TestPki.identity(TestPki.TLS).certificate());
            PrivateKey key = keys.getPrivateKey(aliases[0]);
            assertThat(key.getEncoded()).isNull();
            assertThat(key.getFormat()).isNull();
            assertThat(key).isInstanceOf(ECKey.class);
            assertThat(keys.getServerAliases("RSA", null)).isNull();
        }
    }

    @Test
    void serverSignsATls13CertificateVerifyInputThatTheCertificateVerifies() throws Exception {
        try (RemoteHandshakers remote = keyless(List.of(first))) {
            byte[] message = certificateVerifyInput();
            long before = first.stats().signed();

            byte[] signature = remoteKey(remote).sign(ECDSA_P256_SHA256, message);

            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(TestPki.identity(TestPki.TLS).certificate().getPublicKey());
            verifier.update(message);
            assertThat(verifier.verify(signature)).isTrue();
            assertThat(first.stats().signed()).isEqualTo(before + 1);
        }
    }

    @Test
    void serverRefusesToSignWhatIsNoTlsServerSignatureInput() throws Exception {
        try (RemoteHandshakers remote = keyless(List.of(first))) {
            // A DER SEQUENCE, as a to-be-signed certificate would start.
            byte[] certificateLike = new byte[120];
            certificateLike[0] = 0x30;

            assertThatThrownBy(() -> remoteKey(remote).sign(ECDSA_P256_SHA256, certificateLike))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("INVALID_ARGUMENT")
                    .hasMessageContaining("neither a TLS 1.3 server CertificateVerify input");
        }
    }

    @Test
    void signaturesGoOnWhenOneOfTwoServersIsKilled() throws Exception {
        HandshakeServer doomed = Loopback.server(1024);
        try (RemoteHandshakers remote = keyless(List.of(doomed, second))) {
            RemoteKey key = remoteKey(remote);
            key.sign(ECDSA_P256_SHA256, certificateVerifyInput());

            doomed.kill();

            long before = second.stats().signed();
            for (int i = 0; i < 4; i++) {
                assertThat(key.sign(ECDSA_P256_SHA256, certificateVerifyInput())).isNotEmpty();
            }
            assertThat(second.stats().signed()).isEqualTo(before + 4);
        } finally {
            doomed.kill();
        }
    }

    @Test
    void handshakeRunsInTheFrontEndAndOnlyTheSignatureOnTheServer() throws Exception {
        try (RemoteHandshakers remote = keyless(List.of(first))) {
            SSLContext frontEnd = Loopback.frontEnd(remote);
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                long signed = first.stats().signed();
                long handshakes = first.stats().started();
                EnginePair pair = new EnginePair(Loopback.sunJsseClient(protocol), frontEnd.createSSLEngine());

                pair.handshakeAndExchange();

                assertThat(pair.client.getSession().getProtocol()).isEqualTo(protocol);
                assertThat(pair.client.getSession().getPeerCertificates()[0]).isEqualTo(TestPki.identity(TestPki.TLS).certificate());
                assertThat(first.stats().signed()).isEqualTo(signed + 1);
                assertThat(first.stats().started()).isEqualTo(handshakes);
                assertThat(pair.server.getSession().getValue("offloadjsse.servedBy"))
                        .isEqualTo("local handshake, signature by handshake server " + first.name());
            }
        }
    }

    private static RemoteHandshakers keyless(List<HandshakeServer> servers) throws Exception {
        return Loopback.remote(servers, Loopback.frontEndChannel()).granularity(Granularity.PRIVATE_KEY).build();
    }

    private static RemoteKey remoteKey(RemoteHandshakers remote) {
        RemoteKeys keys = remote.serverKeys();
        return (RemoteKey) keys.getPrivateKey(keys.getServerAliases("EC", null)[0]);
    }

    /** RFC 8446 §4.4.3: 64 spaces, the server's context string, 0, a (here made-up) SHA-256 transcript hash. */
    private static byte[] certificateVerifyInput() {
        byte[] context = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[64 + context.length + 1 + 32];
        Arrays.fill(message, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, message, 64, context.length);
        Arrays.fill(message, 64 + context.length + 1, message.length, (byte) 0x5a);
        return message;
    }
}
