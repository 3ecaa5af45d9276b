package dev.offloadjsse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl against the HTTPS example started with {@code --alpn}, {@code --client-auth} and
 * {@code --truststore}, the options as a user gives them ({@link CommandLine#parse}). The oracle
 * is curl's own account of the handshake ({@code -v}) and the status JSON.
 */
class CurlOptionsTest {

    @TempDir
    static Path files;

    private static ExampleTestPki.Identity client;
    private static StartedExample alpn;
    private static StartedExample need;
    private static StartedExample want;

    @BeforeAll
    static void startExamples() throws Exception {
        client = ExampleTestPki.identity(files, "client", "curl client");
        alpn = start("--alpn", "h2,http/1.1");
        String truststore = client.trustStore().toString();
        String password = new String(ExampleTestPki.PASSWORD);
        need = start("--client-auth", "need", "--truststore", truststore, "--truststore-password", password);
        want = start("--client-auth", "want", "--truststore", truststore, "--truststore-password", password);
    }

    @AfterAll
    static void stopExamples() {
        for (StartedExample example : new StartedExample[] {alpn, need, want}) {
            if (example != null) {
                example.close();
            }
        }
    }

    /**
     * curl offers h2 and http/1.1; the example was asked for both but speaks only HTTP/1.1, so it
     * offers only that (offering h2 would have curl send HTTP/2 frames to an HTTP/1.1 server).
     */
    @Test
    void alpnNegotiatesOnlyTheProtocolTheExampleSpeaks() throws Exception {
        ExternalProcess.Result result = curl(alpn, List.of("--http2"));

        assertThat(result.exitCode()).as(result.description()).isZero();
        assertThat(result.stderr()).as(result.description()).contains("ALPN: offers h2").contains("server accepted http/1.1");
        assertThat(Conformance.jsonField(result.stdout(), "applicationProtocol")).as(result.description())
                .isEqualTo("http/1.1");
    }

    @Test
    void clientAuthNeedFailsTheHandshakeWithoutACertificate() throws Exception {
        ExternalProcess.Result result = curl(need, List.of());

        assertThat(result.exitCode()).as(result.description()).isNotZero();
        assertThat(result.stderr()).as(result.description()).doesNotContain("HTTP/1.1 200");
        assertThat(result.stdout()).as(result.description()).isEmpty();
    }

    @Test
    void clientAuthNeedShowsTheSubjectOfTheClientCertificate() throws Exception {
        ExternalProcess.Result result = curl(need, List.of("--cert", client.certificatePem().toString(),
                "--key", client.keyPem().toString()));

        assertThat(result.exitCode()).as(result.description()).isZero();
        assertThat(Conformance.jsonField(result.stdout(), "clientCertificate")).as(result.description())
                .isEqualTo("CN=curl client");
    }

    @Test
    void clientAuthWantServesAClientWithoutACertificate() throws Exception {
        ExternalProcess.Result result = curl(want, List.of());

        assertThat(result.exitCode()).as(result.description()).isZero();
        assertThat(result.stdout()).as(result.description()).contains("\"clientCertificate\":null");
    }

    private static StartedExample start(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("https", "--port", "0", "--provider", Conformance.PROVIDER));
        args.addAll(List.of(options));
        CommandLine commandLine = CommandLine.parse(args.toArray(new String[0]), Main.examples().keySet());
        return new HttpsExample().start(commandLine.options());
    }

    static ExternalProcess.Result curl(StartedExample example, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "20",
                "--cacert", example.certificatePem().toString()));
        command.addAll(options);
        command.add("https://localhost:" + example.port() + "/");
        return ExternalProcess.run(command, "", Duration.ofSeconds(30));
    }
}
