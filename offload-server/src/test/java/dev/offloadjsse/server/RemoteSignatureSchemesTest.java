package dev.offloadjsse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.offloadjsse.remote.RemoteHandshakers;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The front end's {@code jdk.tls.server.SignatureSchemes} holds on the handshake server too: the
 * server signs with the P-256 key only when the front end allows a scheme for it. Oracle: the
 * same property with our provider handshaking locally ({@code SignatureSchemesTest} in provider)
 * and with SunJSSE.
 */
class RemoteSignatureSchemesTest {

    private static HandshakeServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = Loopback.server(64);
    }

    @AfterAll
    static void stopServer() {
        server.kill();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theServerSignsOnlyWithASchemeTheFrontEndAllows(String protocol) throws Exception {
        try (RemoteHandshakers remote = Loopback.remote(List.of(server), Loopback.frontEndChannel()).build()) {
            EnginePair allowed = new EnginePair(Loopback.sunJsseClient(protocol),
                    frontEndWithSchemes(remote, "ecdsa_secp256r1_sha256").createSSLEngine());
            allowed.handshakeAndExchange();
            assertThat(allowed.client.getSession().getProtocol()).isEqualTo(protocol);

            EnginePair refused = new EnginePair(Loopback.sunJsseClient(protocol),
                    frontEndWithSchemes(remote, "ed25519").createSSLEngine());
            assertThatThrownBy(refused::handshakeAndExchange).isInstanceOf(SSLHandshakeException.class);
        }
    }

    /** The property is read when a context is initialised, as SunJSSE reads it at start. */
    private static SSLContext frontEndWithSchemes(RemoteHandshakers remote, String schemes) throws Exception {
        System.setProperty("jdk.tls.server.SignatureSchemes", schemes);
        try {
            return Loopback.frontEnd(remote);
        } finally {
            System.clearProperty("jdk.tls.server.SignatureSchemes");
        }
    }
}
