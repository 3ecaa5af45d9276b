package dev.offloadjsse.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.nio.ConnectionHandler;
import dev.offloadjsse.nio.TlsClient;
import dev.offloadjsse.nio.TlsConnection;
import dev.offloadjsse.nio.TransportConfig;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our NIO client, with the provider under test, fetches {@code openssl s_server -www}'s status page. */
class NioClientAgainstOpenSslServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT \\S+:(\\d+)");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "s_server {0}")
    @CsvSource({"-tls1_3, TLSv1.3", "-tls1_2, TLSv1.2"})
    void fetchesTheStatusPage(String versionOption, String protocol) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate();
        Path certificatePem = Files.writeString(dir.resolve("cert.pem"),
                Pem.encode("CERTIFICATE", certificate.certificate().getEncoded()));
        Path keyPem = Files.writeString(dir.resolve("key.pem"),
                Pem.encode("PRIVATE KEY", certificate.privateKey().getEncoded()));
        try (ExternalProcess server = ExternalProcess.start(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                        "-cert", certificatePem.toString(), "-key", keyPem.toString(), "-www", versionOption));
                TlsClient client = TlsClient.open(Conformance.trusting(certificatePem, Conformance.PROVIDER),
                        TransportConfig.defaults().withEngineSetup(NioClientAgainstOpenSslServerTest::identifyServer))) {
            int port = Integer.parseInt(server.awaitOutput(ACCEPT, TIMEOUT).group(1));
            ReplyCollector reply = new ReplyCollector();

            TlsConnection connection = handshake(client, port, reply, server);
            connection.write(ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes(ISO_8859_1)));
            String page = reply.awaitClose(server);

            String where = "negotiated " + connection.session().getProtocol() + " " + connection.session().getCipherSuite()
                    + " with engine " + connection.engine().getClass().getName() + "; reply:\n" + page
                    + "\n" + server.describe("s_server still running");
            assertThat(connection.session().getProtocol()).as(where).isEqualTo(protocol);
            assertThat(page).as(where).startsWith("HTTP/1.0 200 ok").contains(protocol);
        }
    }

    private static TlsConnection handshake(TlsClient client, int port, ReplyCollector reply, ExternalProcess server)
            throws InterruptedException {
        try {
            return client.connect(new InetSocketAddress("127.0.0.1", port), "localhost", reply)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("handshake with s_server on port " + port + " did not complete: " + e
                    + "\n" + server.describe("s_server still running"), e);
        }
    }

    private static void identifyServer(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
    }

    /** Keeps the reply until the server closes the connection. */
    private static final class ReplyCollector implements ConnectionHandler {
        private final StringBuffer text = new StringBuffer();
        private final CompletableFuture<Throwable> closed = new CompletableFuture<>();

        @Override
        public void onData(TlsConnection connection, ByteBuffer plaintext) {
            text.append(ISO_8859_1.decode(plaintext));
        }

        @Override
        public void onClose(TlsConnection connection, Throwable failure) {
            closed.complete(failure);
        }

        String awaitClose(ExternalProcess server) throws InterruptedException {
            try {
                Throwable failure = closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (failure != null) {
                    text.append("\n[connection ended with ").append(failure).append(']');
                }
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("s_server did not close the connection; reply so far:\n" + text
                        + "\n" + server.describe("s_server still running"), e);
            }
            return text.toString();
        }
    }
}
