package dev.offloadjsse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.offloadjsse.OffloadConfig;
import dev.offloadjsse.OffloadJsseProvider;
import dev.offloadjsse.offload.InlineOffloader;
import dev.offloadjsse.remote.RemoteHandshakers;
import dev.offloadjsse.remote.RemoteHandshakers.Granularity;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl and {@code openssl s_client} against the keyless {@link FrontEnd} (in process, on a free
 * port, its handshakes on an in-process handshake server). Oracle: the tools verify the
 * certificate against the TLS identity's certificate and print the front end's JSON page.
 */
class FrontEndToolsTest {

    private static HandshakeServer server;

    @TempDir
    static Path directory;

    private static Path caFile;

    @BeforeAll
    static void start() throws Exception {
        server = Loopback.server(64);
        caFile = directory.resolve("tls.pem");
        Files.writeString(caFile, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(TestPki.identity(TestPki.TLS).certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    @AfterAll
    static void stop() {
        server.kill();
    }

    /** The front end's context is made with {@code init(null, null, null)}: no key of its own, none from system properties. */
    @Test
    void frontEndContextWithoutKeyManagersHasNoKeyToHandshakeWith() throws Exception {
        assertThat(System.getProperty("javax.net.ssl.keyStore")).isNull();
        SSLContext sameInitLocally = SSLContext.getInstance("TLS", new OffloadJsseProvider(OffloadConfig.withOffloader(new InlineOffloader())));
        sameInitLocally.init(null, null, null);

        EnginePair pair = new EnginePair(Loopback.sunJsseClient("TLSv1.3"), sameInitLocally.createSSLEngine());

        assertThatThrownBy(pair::handshakeAndExchange).isInstanceOf(SSLException.class);
    }

    @Test
    void curlGetsThePageFromAWholeHandshakeFrontEnd() throws Exception {
        try (RemoteHandshakers remote = remote(Granularity.HANDSHAKE); FrontEnd frontEnd = frontEnd(remote)) {
            assertThat(curl(frontEnd.port())).contains("\"protocol\":\"TLSv1.3\"").contains("\"offload\":\"remote handshake\"")
                    .contains("\"servedBy\":\"remote handshake on handshake server " + server.name() + "\"");
        }
    }

    @Test
    void opensslClientVerifiesAWholeHandshakeFrontEnd() throws Exception {
        try (RemoteHandshakers remote = remote(Granularity.HANDSHAKE); FrontEnd frontEnd = frontEnd(remote)) {
            long before = server.stats().completed();

            String output = openssl(frontEnd.port());

            assertThat(output).contains("Verify return code: 0 (ok)").contains("\"offload\":\"remote handshake\"");
            assertThat(server.stats().completed()).isEqualTo(before + 1);
        }
    }

    @Test
    void curlAndOpensslGetThePageFromAPrivateKeyOnlyFrontEnd() throws Exception {
        try (RemoteHandshakers remote = remote(Granularity.PRIVATE_KEY); FrontEnd frontEnd = frontEnd(remote)) {
            long signed = server.stats().signed();

            assertThat(curl(frontEnd.port())).contains("\"offload\":\"remote private-key\"")
                    .contains("\"servedBy\":\"local handshake, signature by handshake server " + server.name() + "\"");
            assertThat(openssl(frontEnd.port())).contains("Verify return code: 0 (ok)");
            assertThat(server.stats().signed()).isEqualTo(signed + 2);
        }
    }

    private static RemoteHandshakers remote(Granularity granularity) throws Exception {
        return Loopback.remote(List.of(server), Loopback.frontEndChannel()).granularity(granularity).build();
    }

    private static FrontEnd frontEnd(RemoteHandshakers remote) throws Exception {
        String name = remote.granularity() == Granularity.HANDSHAKE ? "remote handshake" : "remote private-key";
        return FrontEnd.start(new OffloadJsseProvider(OffloadConfig.fromSystemProperties().withHandshakers(remote::handshakers)), 0, name);
    }

    private static String curl(int port) throws Exception {
        return run(null, "curl", "-sS", "--max-time", "15", "--cacert", caFile.toString(),
                "--resolve", "localhost:" + port + ":127.0.0.1", "https://localhost:" + port + "/");
    }

    private static String openssl(int port) throws Exception {
        return run("GET / HTTP/1.0\r\n\r\n", "openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost",
                "-CAfile", caFile.toString(), "-verify_hostname", "localhost", "-verify_return_error", "-ign_eof");
    }

    /** Runs a tool to its end (15 s at most) and returns its output; fails unless it exits 0. */
    private static String run(String input, String... command) throws Exception {
        assumeTrue(onPath(command[0]), command[0] + " is not installed");
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
        }
        process.getOutputStream().close();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish in 15 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(command[0] + " exit code; output:\n" + output).isZero();
        return output;
    }

    private static boolean onPath(String tool) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
