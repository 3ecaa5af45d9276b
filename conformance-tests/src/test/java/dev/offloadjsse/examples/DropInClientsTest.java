package dev.offloadjsse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.offloadjsse.OffloadJsseProvider;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each example of the launcher (nio-transport, Jetty, Tomcat, Netty) against real clients: curl
 * with TLS 1.3 and 1.2, the JDK {@code HttpClient} (SunJSSE), {@code HttpsURLConnection} on the
 * provider under test, and the Netty client example. The oracle is the status JSON: the
 * negotiated protocol the client asked for and, with OffloadJSSE, our engine serving.
 */
class DropInClientsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String OUR_ENGINE = "dev.offloadjsse.engine.OffloadEngine";

    @RegisterExtension
    static final DropInServers SERVERS = new DropInServers();

    private static OffloadJsseProvider nettyClientProvider;

    @BeforeAll
    static void startClientProvider() {
        nettyClientProvider = new OffloadJsseProvider();
    }

    @AfterAll
    static void stopClientProvider() {
        nettyClientProvider.config().offloader().close();
    }

    @ParameterizedTest(name = "{0}: curl {1}")
    @CsvSource({
        "https, --tlsv1.3, TLSv1.3",
        "https, --tlsv1.2 --tls-max 1.2, TLSv1.2",
        "jetty, --tlsv1.3, TLSv1.3",
        "jetty, --tlsv1.2 --tls-max 1.2, TLSv1.2",
        "tomcat, --tlsv1.3, TLSv1.3",
        "tomcat, --tlsv1.2 --tls-max 1.2, TLSv1.2",
        "netty, --tlsv1.3, TLSv1.3",
        "netty, --tlsv1.2 --tls-max 1.2, TLSv1.2",
    })
    void curlGetsTheStatusJson(String example, String versionOptions, String protocol) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "20",
                "--cacert", SERVERS.certificatePem(example).toString()));
        command.addAll(List.of(versionOptions.split(" ")));
        command.add(url(example, "/"));

        ExternalProcess.Result result = ExternalProcess.run(command, "", Duration.ofSeconds(30));

        assertThat(result.exitCode()).as(result.description()).isZero();
        assertThat(result.stderr()).as(result.description()).containsPattern("< HTTP/1.1 200( OK)?");
        assertThat(Conformance.jsonField(result.stdout(), "protocol")).as(result.description()).isEqualTo(protocol);
        assertServedByTheProviderUnderTest(result.stdout());
        System.out.printf("[%s] curl %s: %s%n", example, versionOptions, result.stdout());
    }

    @ParameterizedTest(name = "{0}: curl gets 404 for an unknown path")
    @ValueSource(strings = {"https", "jetty", "tomcat", "netty"})
    void curlGets404ForAnUnknownPath(String example) throws Exception {
        ExternalProcess.Result result = ExternalProcess.run(List.of("curl", "-sS", "-o", "/dev/null",
                "-w", "%{http_code}", "--max-time", "20", "--cacert", SERVERS.certificatePem(example).toString(),
                url(example, "/missing")), "", Duration.ofSeconds(30));

        assertThat(result.stdout()).as(result.description()).isEqualTo("404");
    }

    @ParameterizedTest(name = "{0}: JDK HttpClient")
    @ValueSource(strings = {"https", "jetty", "tomcat", "netty"})
    void jdkHttpClientGetsTheStatusJson(String example) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(Conformance.trusting(SERVERS.certificatePem(example), "SunJSSE"))
                .connectTimeout(TIMEOUT).build();

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(url(example, "/"))).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        assertThat(Conformance.jsonField(response.body(), "protocol")).as(response.body()).isEqualTo("TLSv1.3");
        assertServedByTheProviderUnderTest(response.body());
    }

    @ParameterizedTest(name = "{0}: HttpsURLConnection on the provider under test")
    @ValueSource(strings = {"https", "jetty", "tomcat", "netty"})
    void httpsUrlConnectionOnTheProviderUnderTestGetsTheStatusJson(String example) throws Exception {
        HttpsURLConnection connection = (HttpsURLConnection) new URL(url(example, "/")).openConnection();
        connection.setSSLSocketFactory(
                Conformance.trusting(SERVERS.certificatePem(example), Conformance.PROVIDER).getSocketFactory());
        connection.setConnectTimeout((int) TIMEOUT.toMillis());
        connection.setReadTimeout((int) TIMEOUT.toMillis());
        try {
            String body;
            try (InputStream in = connection.getInputStream()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }

            assertThat(connection.getResponseCode()).as(body).isEqualTo(200);
            assertThat(Conformance.jsonField(body, "protocol")).as(body).isEqualTo("TLSv1.3");
            assertServedByTheProviderUnderTest(body);
        } finally {
            connection.disconnect();
        }
    }

    @ParameterizedTest(name = "{0}: the Netty client example")
    @ValueSource(strings = {"https", "jetty", "tomcat", "netty"})
    void nettyClientExampleGetsTheStatusJson(String example) throws Exception {
        NettyClientExample.Response response = NettyClientExample.get(URI.create(url(example, "/")),
                SERVERS.certificatePem(example).toFile(), nettyClientProvider);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.engineClass()).isEqualTo(OUR_ENGINE);
        assertThat(Conformance.jsonField(response.body(), "protocol")).as(response.body()).isEqualTo(response.protocol());
        assertServedByTheProviderUnderTest(response.body());
    }

    private static void assertServedByTheProviderUnderTest(String json) {
        if (Conformance.PROVIDER.equals(OffloadJsseProvider.NAME)) {
            assertThat(Conformance.jsonField(json, "engine")).as(json).isEqualTo(OUR_ENGINE);
        } else {
            assertThat(Conformance.jsonField(json, "engine")).as(json).isNotBlank();
        }
    }

    private static String url(String example, String path) {
        return "https://localhost:" + SERVERS.port(example) + path;
    }
}
