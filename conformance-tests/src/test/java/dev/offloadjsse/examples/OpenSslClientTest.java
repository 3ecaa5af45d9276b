package dev.offloadjsse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code openssl s_client} sends a GET to the HTTPS example and reads the JSON. */
class OpenSslClientTest {

    private static final String REQUEST = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    @RegisterExtension
    static final HttpsExampleServer SERVER = new HttpsExampleServer();

    @ParameterizedTest(name = "s_client {0}")
    @CsvSource({
        "-tls1_3, TLSv1.3, ''",
        "-tls1_2, TLSv1.2, ''",
        "-tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256, TLSv1.3, TLS_CHACHA20_POLY1305_SHA256",
        "-tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305, TLSv1.2, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    })
    void getsTheStatusJson(String options, String protocol, String cipherSuite) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client",
                "-connect", "127.0.0.1:" + SERVER.port(), "-servername", "localhost",
                "-CAfile", SERVER.certificatePem().toString(), "-verify_return_error", "-verify_hostname", "localhost",
                // keep reading after our request has been sent: the server closes after its answer
                "-ign_eof"));
        command.addAll(List.of(options.split(" ")));

        ExternalProcess.Result result = ExternalProcess.run(command, REQUEST, Duration.ofSeconds(30));

        assertThat(result.exitCode()).as(result.description()).isZero();
        assertThat(result.stdout()).as(result.description())
                .contains("Verify return code: 0 (ok)")
                .contains("HTTP/1.1 200 OK");
        assertThat(Conformance.jsonField(result.stdout(), "protocol")).as(result.description()).isEqualTo(protocol);
        if (!cipherSuite.isEmpty()) {
            assertThat(Conformance.jsonField(result.stdout(), "cipherSuite")).as(result.description())
                    .isEqualTo(cipherSuite);
        }
    }
}
