package dev.offloadjsse.socket;

import static dev.offloadjsse.socket.SocketPeers.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.offloadjsse.socket.SocketPeers.OneShotServer;
import dev.offloadjsse.testing.TestCertificates;
import dev.offloadjsse.testing.TestCertificates.Identity;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link HttpsURLConnection} with the socket factory of the provider under test, against the
 * JDK's {@link HttpsServer} on SunJSSE and against a one-request server on our own
 * {@code SSLServerSocket}. HttpsURLConnection's default host name verification works by
 * setting endpoint identification "HTTPS" on the socket, so a certificate for another name must
 * fail the handshake; SunJSSE in the client role is the oracle.
 */
class HttpsUrlConnectionTest {

    private static final byte[] BODY = "hello over TLS".getBytes(StandardCharsets.US_ASCII);

    private static HttpsServer sunHttpsServer(Identity identity) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.context(SocketPeers.SUN, identity, identity)));
        server.createContext("/hello", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
        return server;
    }

    private static HttpsURLConnection open(String underTest, Identity trusted, int port) throws Exception {
        SSLContext client = TestCertificates.context(provider(underTest), null, trusted);
        HttpsURLConnection connection = (HttpsURLConnection) new URL("https://localhost:" + port + "/hello").openConnection();
        connection.setSSLSocketFactory(client.getSocketFactory());
        connection.setConnectTimeout(SocketPeers.TIMEOUT_SECONDS * 1000);
        connection.setReadTimeout(SocketPeers.TIMEOUT_SECONDS * 1000);
        return connection;
    }

    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void getsTheBodyFromTheJdkHttpsServer(String underTest) throws Exception {
        HttpsServer server = sunHttpsServer(SocketPeers.EC);
        try {
            HttpsURLConnection connection = open(underTest, SocketPeers.EC, server.getAddress().getPort());
            assertThat(connection.getResponseCode()).isEqualTo(200);
            assertThat(connection.getCipherSuite()).startsWith("TLS_");
            assertThat(connection.getServerCertificates()[0]).isEqualTo(SocketPeers.EC.certificate());
            try (InputStream in = connection.getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(BODY);
            }
        } finally {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void rejectsACertificateForAnotherHostName(String underTest) throws Exception {
        Identity otherName = identityFor("other.example");
        HttpsServer server = sunHttpsServer(otherName);
        try {
            HttpsURLConnection connection = open(underTest, otherName, server.getAddress().getPort());
            assertThatThrownBy(connection::getResponseCode).isInstanceOf(SSLHandshakeException.class);
        } finally {
            server.stop(0);
        }
    }

    /** Our SSLServerSocket serving one HTTP/1.1 request, to a client of each provider. */
    @ParameterizedTest
    @ValueSource(strings = {"OffloadJSSE", "SunJSSE"})
    void getsTheBodyFromOurServerSocket(String underTest) throws Exception {
        try (OneShotServer server = new OneShotServer(SocketPeers.serverContext(SocketPeers.OFFLOAD), HttpsUrlConnectionTest::respond)) {
            HttpsURLConnection connection = open(underTest, SocketPeers.EC, server.port());
            assertThat(connection.getResponseCode()).isEqualTo(200);
            try (InputStream in = connection.getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(BODY);
            }
            server.await();
        }
    }

    private static void respond(SSLSocket socket) throws Exception {
        BufferedReader request = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(request.readLine()).isEqualTo("GET /hello HTTP/1.1");
        while (!request.readLine().isEmpty()) {
            // Headers: not needed.
        }
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(BODY);
    }

    /** A self-signed EC identity whose only name is {@code host}. */
    private static Identity identityFor(String host) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + host);
        long now = System.currentTimeMillis();
        org.bouncycastle.cert.X509v3CertificateBuilder certificate = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                new Date(now - 3_600_000L), new Date(now + 3_600_000L), subject, pair.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
        return new Identity(pair.getPrivate(), new JcaX509CertificateConverter()
                .getCertificate(certificate.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))));
    }
}
