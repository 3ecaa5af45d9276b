package dev.offloadjsse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.remote.RemoteHandshakers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --listen unix:PATH}: a handshake server on a Unix domain socket, owner-only, serving a
 * front end that names the same path, over the same mutual TLS as on TCP. Oracle: a SunJSSE
 * client completes the handshake and exchanges data, which it cannot without the server's key.
 */
class DomainSocketTest {

    @TempDir
    Path directory;

    @Test
    void aFrontEndHandshakesThroughAServerOnAUnixDomainSocket() throws Exception {
        Path socket = directory.resolve("handshakes.sock");
        HandshakeServer server = HandshakeServer.builder()
                .keyStore(TestPki.identity(TestPki.TLS).keyStore(), TestPki.PASSWORD)
                .channelKeys(TestPki.channel(TestPki.SERVER_CHANNEL, TestPki.FRONT_END_CHANNEL))
                .listen("unix:" + socket)
                .threads(1)
                .maxHandshakes(16)
                .start();
        try (RemoteHandshakers remote = RemoteHandshakers.builder("unix:" + socket)
                .channelKeys(Loopback.frontEndChannel())
                .handshakeTimeout(Duration.ofSeconds(5))
                .build()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");

            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                EnginePair pair = new EnginePair(Loopback.sunJsseClient(protocol), Loopback.frontEnd(remote).createSSLEngine());
                pair.handshakeAndExchange();
                assertThat(pair.client.getSession().getProtocol()).isEqualTo(protocol);
            }
            assertThat(server.stats().completed()).isEqualTo(2);
        } finally {
            server.kill();
        }
    }
}
