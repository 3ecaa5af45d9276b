package dev.offloadjsse.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handshakes around the plain path in each example, with SunJSSE as the client (so the
 * oracle is the JDK's account of what the server sent): a handshake the server must refuse ends
 * in the alert TLS asks for, a TLS 1.2 session is resumed on the next connection, and bytes that
 * are not TLS get the connection closed. In Jetty these steps run on the offloader through
 * {@code OffloadingSslConnectionFactory}, so a failing or abbreviated step must wake Jetty too.
 */
class DropInHandshakeTest {

    private static final int TIMEOUT_MILLIS = 10_000;

    @RegisterExtension
    static final DropInServers SERVERS = new DropInServers();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https", "jetty", "tomcat", "netty"})
    void aClientWithNoSuiteInCommonGetsAHandshakeFailureAlert(String example) throws Exception {
        try (SSLSocket socket = connect(client(example), example)) {
            // RSA key exchange authentication only, against the examples' ECDSA certificate.
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});

            assertThatThrownBy(socket::startHandshake)
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("handshake_failure");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https", "jetty", "tomcat", "netty"})
    void aTls12SessionIsResumedOnTheNextConnection(String example) throws Exception {
        SSLContext client = client(example);

        SSLSession first = getStatus(client, example);
        SSLSession second = getStatus(client, example);

        assertThat(second.getProtocol()).isEqualTo("TLSv1.2");
        assertThat(second.getId()).isNotEmpty().isEqualTo(first.getId());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https", "jetty", "tomcat", "netty"})
    void plainHttpOnTheTlsPortGetsTheConnectionClosed(String example) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", SERVERS.port(example)), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            // Whatever the server answers (an alert, or nothing), it then closes; a timeout fails.
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(1 << 16);
            assertThat(answer.length).isLessThan(1 << 16);
        }
    }

    /** One {@code GET /} over TLS 1.2 on its own connection; the session it ran on. */
    private static SSLSession getStatus(SSLContext client, String example) throws IOException {
        try (SSLSocket socket = connect(client, example)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.getOutputStream().write(
                    "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            return socket.getSession();
        }
    }

    private static SSLSocket connect(SSLContext client, String example) throws IOException {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("localhost", SERVERS.port(example)), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static SSLContext client(String example) throws Exception {
        return Conformance.trusting(SERVERS.certificatePem(example), "SunJSSE");
    }
}
