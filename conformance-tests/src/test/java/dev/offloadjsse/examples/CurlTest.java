package dev.offloadjsse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** curl (OpenSSL underneath) against the HTTPS example. */
class CurlTest {

    @RegisterExtension
    static final HttpsExampleServer SERVER = new HttpsExampleServer();

    @ParameterizedTest(name = "curl {0}")
    @CsvSource({
        "--tlsv1.3, TLSv1.3",
        "--tlsv1.2 --tls-max 1.2, TLSv1.2",
    })
    void getsTheStatusJson(String versionOptions, String protocol) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "20",
                "--cacert", SERVER.certificatePem().toString()));
        command.addAll(List.of(versionOptions.split(" ")));
        command.add("https://localhost:" + SERVER.port() + "/");

        ExternalProcess.Result result = ExternalProcess.run(command, "", Duration.ofSeconds(30));

        assertThat(result.exitCode()).as(result.description()).isZero();
        assertThat(result.stderr()).as(result.description()).contains("< HTTP/1.1 200 OK");
        assertThat(Conformance.jsonField(result.stdout(), "protocol")).as(result.description()).isEqualTo(protocol);
    }
}
