package dev.offloadjsse.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTPS example with the JDK's own clients (SunJSSE): {@link HttpClient}, and a raw
 * {@link SSLSocket} for what HttpClient does not let a test control (connection reuse, pipelining,
 * malformed requests).
 */
class JdkClientsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    static final HttpsExampleServer SERVER = new HttpsExampleServer();

    private static SSLContext trusting;

    @BeforeAll
    static void trustTheServer() throws Exception {
        trusting = Conformance.trusting(SERVER.certificatePem(), "SunJSSE");
    }

    @Test
    void httpClientGetsTheStatusJson() throws Exception {
        HttpResponse<String> response = httpClient().send(request("/"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(Conformance.jsonField(response.body(), "protocol")).as(response.body()).isEqualTo("TLSv1.3");
        assertThat(Conformance.jsonField(response.body(), "engine")).as(response.body()).isNotBlank();
    }

    @Test
    void httpClientGets404ForAnUnknownPath() throws Exception {
        HttpResponse<String> response = httpClient().send(request("/missing"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    }

    @Test
    void keepAliveServesTwoRequestsOnOneConnection() throws Exception {
        try (SSLSocket socket = connect()) {
            RawHttpResponse first = exchange(socket, get("/", ""));
            RawHttpResponse second = exchange(socket, get("/", ""));

            assertThat(first.status()).as(first.head()).isEqualTo(200);
            assertThat(second.status()).as(second.head()).isEqualTo(200);
            assertThat(first.closes()).as(first.head()).isFalse();
            assertThat(socket.getSession().getProtocol()).isEqualTo(Conformance.jsonField(second.body(), "protocol"));
        }
    }

    @Test
    void headGetsTheHeadWithoutTheBody() throws Exception {
        try (SSLSocket socket = connect()) {
            send(socket, "HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawHttpResponse head = RawHttpResponse.readHeadOnly(socket.getInputStream());
            // had a body followed the head, it would stand where the next status line is read
            RawHttpResponse next = exchange(socket, get("/missing", ""));

            assertThat(head.status()).as(head.head()).isEqualTo(200);
            assertThat(head.contentLength()).as(head.head()).isPositive();
            assertThat(next.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (SSLSocket socket = connect()) {
            send(socket, get("/missing", "") + get("/", "Connection: close\r\n"));
            InputStream in = socket.getInputStream();

            assertThat(RawHttpResponse.read(in).status()).isEqualTo(404);
            RawHttpResponse last = RawHttpResponse.read(in);
            assertThat(last.status()).as(last.head()).isEqualTo(200);
            assertThat(last.closes()).as(last.head()).isTrue();
            assertThat(in.read()).as("end of stream after Connection: close").isEqualTo(-1);
        }
    }

    @Test
    void aRequestSentByteByByteIsAnswered() throws Exception {
        try (SSLSocket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            for (byte b : get("/", "").getBytes(ISO_8859_1)) {
                out.write(b);
                out.flush();
            }

            RawHttpResponse response = RawHttpResponse.read(socket.getInputStream());
            assertThat(response.status()).as(response.head()).isEqualTo(200);
        }
    }

    @Test
    void aMalformedRequestGets400AndTheConnectionCloses() throws Exception {
        try (SSLSocket socket = connect()) {
            RawHttpResponse response = exchange(socket, "NOT A REQUEST\r\n\r\n");

            assertThat(response.status()).as(response.head()).isEqualTo(400);
            assertThat(response.closes()).as(response.head()).isTrue();
            assertThat(socket.getInputStream().read()).as("end of stream after 400").isEqualTo(-1);
        }
    }

    @Test
    void anOversizedRequestHeadGets431() throws Exception {
        try (SSLSocket socket = connect()) {
            RawHttpResponse response = exchange(socket, get("/", "X-Filler: " + "x".repeat(9000) + "\r\n"));

            assertThat(response.status()).as(response.head()).isEqualTo(431);
            assertThat(response.closes()).as(response.head()).isTrue();
        }
    }

    private static HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(trusting).connectTimeout(TIMEOUT).build();
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + SERVER.port() + path)).timeout(TIMEOUT).build();
    }

    private static String get(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders + "\r\n";
    }

    private static SSLSocket connect() throws IOException {
        SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("localhost", SERVER.port());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    private static RawHttpResponse exchange(SSLSocket socket, String request) throws IOException {
        send(socket, request);
        return RawHttpResponse.read(socket.getInputStream());
    }

    private static void send(SSLSocket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(ISO_8859_1));
        socket.getOutputStream().flush();
    }
}
