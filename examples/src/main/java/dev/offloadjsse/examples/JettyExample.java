package dev.offloadjsse.examples;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.jetty.OffloadingSslConnectionFactory;
import dev.offloadjsse.jetty.SelfOffloadingEngine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Embedded Jetty 12 serving the status JSON over HTTPS, its TLS from OffloadJSSE through
 * {@link SslContextFactory.Server} and ALPN {@code http/1.1}.
 *
 * <p>Jetty's {@code SslConnection} runs {@code NEED_TASK} itself, inline, on the thread that is
 * filling the connection — measured, mostly the thread that had just been selecting. The
 * connector's {@link OffloadingSslConnectionFactory} moves the steps to the offloader instead;
 * {@link StepThreads} reports where they ran.
 */
final class JettyExample implements Example {

    /** The one protocol this server's connectors speak. */
    private static final List<String> SPOKEN = List.of("http/1.1");

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public String summary() {
        return "embedded Jetty 12 with SslContextFactory.Server on OffloadJSSE, ALPN http/1.1";
    }

    @Override
    public StartedExample start(ExampleOptions options) throws Exception {
        ServerTls.requireSupported(options, name(), false, true);
        ServerTls tls = ServerTls.create(options);
        Path pem = tls.writeCertificatePem();
        // Jetty here speaks HTTP/1.1 only; without --alpn it offers that, as before.
        List<String> protocols = options.applicationProtocols().isEmpty() ? SPOKEN
                : tls.applicationProtocols(name(), SPOKEN);

        SslContextFactory.Server sslContextFactory = new SslContextFactory.Server();
        if (tls.offloadProvider() != null) {
            // The example's own provider instance, so its counters are its own. With the provider
            // registered (Security.addProvider(new OffloadJsseProvider())) a user writes instead:
            // sslContextFactory.setProvider("OffloadJSSE") plus setKeyStore(...)/setKeyStorePassword(...).
            sslContextFactory.setSslContext(tls.context());
        } else {
            sslContextFactory.setProvider(options.provider());
            sslContextFactory.setKeyStore(tls.keyStore());
            sslContextFactory.setKeyStorePassword(new String(tls.password()));
            if (tls.trustStore() != null) {
                sslContextFactory.setTrustStore(tls.trustStore());
            }
        }
        sslContextFactory.setNeedClientAuth(options.clientAuth() == ExampleOptions.ClientAuth.NEED);
        sslContextFactory.setWantClientAuth(options.clientAuth() == ExampleOptions.ClientAuth.WANT);

        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // SNI host checks off: clients connect to 127.0.0.1 as well as localhost.
        http.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory http11 = new HttpConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(protocols.toArray(new String[0]));
        alpn.setDefaultProtocol(http11.getProtocol());
        SslConnectionFactory ssl = new OffloadingSslConnectionFactory(sslContextFactory, alpn.getProtocol());
        ServerConnector connector = new ServerConnector(server, ssl, alpn, http11);
        connector.setHost("127.0.0.1");
        connector.setPort(options.port());
        server.addConnector(connector);
        HandshakeOffloader offloader = tls.offloadProvider() == null ? null : tls.offloadProvider().config().offloader();
        server.setHandler(new StatusHandler(offloader, tls.stepThreads()));
        server.setStopTimeout(2000);
        server.start();

        return new RunningServer(connector.getLocalPort(), pem, tls.keyManagers(), () -> {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Jetty did not stop", e);
            } finally {
                tls.close();
            }
        });
    }

    /** {@code GET /}: the status JSON of the connection the request came on. */
    private static final class StatusHandler extends Handler.Abstract.NonBlocking {
        private final HandshakeOffloader offloader;
        private final StepThreads stepThreads;

        StatusHandler(HandshakeOffloader offloader, StepThreads stepThreads) {
            this.offloader = offloader;
            this.stepThreads = stepThreads;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!request.getHttpURI().getPath().equals("/")) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                return true;
            }
            if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                return true;
            }
            SSLEngine engine = sslEngine(request.getConnectionMetaData().getConnection());
            String json = StatusReport.of(engine, "jetty", offloader, stepThreads);
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }

        /** The engine of the TLS layer under {@code connection}'s end point. */
        private static SSLEngine sslEngine(Connection connection) {
            EndPoint endPoint = connection.getEndPoint();
            if (endPoint instanceof SslConnection.SslEndPoint ssl) {
                SSLEngine engine = ssl.getSslConnection().getSSLEngine();
                return engine instanceof SelfOffloadingEngine view ? view.engine() : engine;
            }
            throw new IllegalStateException("not a TLS connection: " + endPoint);
        }
    }
}
