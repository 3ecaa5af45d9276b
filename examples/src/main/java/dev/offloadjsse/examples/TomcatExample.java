package dev.offloadjsse.examples;

import dev.offloadjsse.HandshakeOffloader;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * Embedded Tomcat 11 serving the status JSON over HTTPS on the NIO connector, its TLS from
 * OffloadJSSE through {@link OffloadSslImplementation}.
 *
 * <p>Tomcat's {@code SecureNioChannel.handshake} runs {@code NEED_TASK} itself, inline, in the
 * {@code SocketProcessor} on a connector worker thread ({@code http-nio-PORT-exec-N}); its poller
 * only detects readiness. The steps therefore run on the worker, not on the offloader.
 */
final class TomcatExample implements Example {

    @Override
    public String name() {
        return "tomcat";
    }

    @Override
    public String summary() {
        return "embedded Tomcat 11, NIO connector, SSLContext from OffloadJSSE (custom SSLImplementation)";
    }

    @Override
    public StartedExample start(ExampleOptions options) throws Exception {
        // Tomcat negotiates ALPN only for an upgrade protocol (HTTP/2), which this connector has not.
        ServerTls.requireSupported(options, name(), false, false);
        ServerTls tls = ServerTls.create(options);
        Path pem = tls.writeCertificatePem();
        Path baseDir = Files.createTempDirectory("offload-jsse-tomcat-");

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector(Http11NioProtocol.class.getName());
        connector.setPort(options.port());
        connector.setProperty("address", "127.0.0.1");
        connector.setSecure(true);
        connector.setScheme("https");
        connector.setProperty("SSLEnabled", "true");
        // Tomcat asks SSLContext.getInstance(protocol) without a provider; this implementation
        // hands it the provider's SSLContext instead, without changing the JVM's provider order.
        connector.setProperty("sslImplementationName", OffloadSslImplementation.class.getName());
        SSLHostConfig host = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystore(tls.keyStore());
        certificate.setCertificateKeystorePassword(new String(tls.password()));
        host.setProtocols("TLSv1.2,TLSv1.3");
        host.setCertificateVerification(switch (options.clientAuth()) {
            case NEED -> "required";
            case WANT -> "optional";
            case NONE -> "none";
        });
        if (tls.trustStore() != null) {
            host.setTrustStore(tls.trustStore());
        }
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
        OffloadSslImplementation.register(host, tls);
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", baseDir.toString());
        HandshakeOffloader offloader = tls.offloadProvider() == null ? null : tls.offloadProvider().config().offloader();
        Tomcat.addServlet(context, "status", new StatusServlet(host, offloader, tls.stepThreads()));
        context.addServletMappingDecoded("/*", "status");
        tomcat.start();
        int port = connector.getLocalPort();

        return new RunningServer(port, pem, tls.keyManagers(), () -> {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                throw new IllegalStateException("Tomcat did not stop", e);
            } finally {
                OffloadSslImplementation.unregister(host);
                tls.close();
            }
        });
    }

    /** {@code GET /}: the status JSON of the connection the request came on. */
    private static final class StatusServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        private final transient SSLHostConfig host;
        private final transient HandshakeOffloader offloader;
        private final transient StepThreads stepThreads;

        StatusServlet(SSLHostConfig host, HandshakeOffloader offloader, StepThreads stepThreads) {
            this.host = host;
            this.offloader = offloader;
            this.stepThreads = stepThreads;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getRequestURI();
            if (!path.equals("/")) {
                response.sendError(404);
                return;
            }
            if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                response.setHeader("Allow", "GET, HEAD");
                response.sendError(405);
                return;
            }
            // Tomcat shows a servlet the session's protocol and suite, not the engine; every engine of
            // this connector comes from the SSLContext that OffloadSslImplementation made, which
            // records their class.
            String json = StatusReport.of(
                    (String) request.getAttribute("org.apache.tomcat.util.net.secure_protocol_version"),
                    (String) request.getAttribute("jakarta.servlet.request.cipher_suite"),
                    (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate"),
                    OffloadSslImplementation.engineClasses(host), "tomcat", offloader, stepThreads);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            if (!request.getMethod().equals("HEAD")) {
                response.getOutputStream().write(body);
            }
        }
    }
}
