package dev.offloadjsse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.remote.ChannelKeys;
import dev.offloadjsse.server.HandshakeServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS example with {@code --offload remote:}: its handshakes run on an in-process handshake
 * server (offload-server) that holds the TLS key; the example holds none. curl reaches it with
 * the certificate the handshake server holds.
 */
class RemoteOffloadTest {

    @TempDir
    static Path files;

    private static ExampleTestPki.Identity tls;
    private static HandshakeServer handshakeServer;
    private static StartedExample example;

    @BeforeAll
    static void start() throws Exception {
        tls = ExampleTestPki.identity(files, "tls", "localhost");
        ExampleTestPki.Identity serverChannel = ExampleTestPki.identity(files, "server-channel", "localhost");
        ExampleTestPki.Identity frontEndChannel = ExampleTestPki.identity(files, "front-end-channel", "front end");
        handshakeServer = HandshakeServer.builder()
                .keyStore(tls.keys(), ExampleTestPki.PASSWORD)
                .channelKeys(ChannelKeys.of(serverChannel.keys(), ExampleTestPki.PASSWORD, frontEndChannel.trust()))
                .listen("127.0.0.1:0")
                .name("hs-test")
                .threads(2)
                .start();
        String password = new String(ExampleTestPki.PASSWORD);
        CommandLine commandLine = CommandLine.parse(new String[] {"https", "--port", "0",
            "--offload", "remote:127.0.0.1:" + handshakeServer.port(),
            "--channel-keystore", frontEndChannel.keyStore().toString(), "--channel-password", password,
            "--channel-truststore", serverChannel.trustStore().toString(), "--channel-authority", "localhost"},
                Main.examples().keySet());
        example = new HttpsExample().start(commandLine.options());
    }

    @AfterAll
    static void stop() {
        if (example != null) {
            example.close();
        }
        if (handshakeServer != null) {
            handshakeServer.close();
        }
    }

    @Test
    void initialisesItsContextWithoutKeyManagers() {
        assertThat(example.keyManagers()).isEmpty();
    }

    @Test
    void showsClientsTheCertificateTheHandshakeServerHolds() throws Exception {
        assertThat(example.certificatePem()).isNotNull();
        assertThat(java.nio.file.Files.readString(example.certificatePem()))
                .isEqualTo(java.nio.file.Files.readString(tls.certificatePem()));
    }

    @Test
    void curlGetsTheJsonNamingTheRemoteHandshaker() throws Exception {
        long before = handshakeServer.stats().completed();

        ExternalProcess.Result result = CurlOptionsTest.curl(example, List.of());

        assertThat(result.exitCode()).as(result.description()).isZero();
        assertThat(Conformance.jsonField(result.stdout(), "kind")).as(result.description()).isEqualTo("remote");
        assertThat(Conformance.jsonField(result.stdout(), "targets")).as(result.description())
                .isEqualTo("127.0.0.1:" + handshakeServer.port());
        assertThat(handshakeServer.stats().completed()).as("handshakes the handshake server completed").isGreaterThan(before);
    }
}
