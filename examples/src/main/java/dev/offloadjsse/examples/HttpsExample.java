package dev.offloadjsse.examples;

import dev.offloadjsse.nio.TlsConnection;
import dev.offloadjsse.nio.TlsServer;
import dev.offloadjsse.nio.TransportConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An HTTPS server on the NIO transport: {@code GET /} reports how this connection's TLS was
 * negotiated and how many handshakes the server has offloaded. It takes every option: ALPN
 * (only {@code http/1.1}, the one protocol it speaks), client authentication, client trust, and
 * {@code --offload remote:} (no private key in this process).
 */
public final class HttpsExample implements Example {

    private static final System.Logger LOG = System.getLogger(HttpsExample.class.getName());

    /** What {@link HttpConnectionHandler} serves: only HTTP/1.1, so ALPN offers only that. */
    private static final List<String> SPOKEN = List.of("http/1.1");

    @Override
    public String name() {
        return "https";
    }

    @Override
    public String summary() {
        return "HTTPS server on the NIO transport; GET / shows the negotiated TLS and handshake counters";
    }

    @Override
    public StartedExample start(ExampleOptions options) throws Exception {
        ServerTls tls = ServerTls.create(options);
        TlsServer server;
        Path pem;
        try {
            List<String> protocols = tls.applicationProtocols(name(), SPOKEN);
            pem = tls.writeCertificatePem();
            server = TlsServer.start(tls.context(), TlsServer.loopback(options.port()),
                    () -> new HttpConnectionHandler((request, connection) -> respond(request, connection, tls)),
                    TransportConfig.defaults().withEngineSetup(engine -> tls.configure(engine, protocols)));
        } catch (Exception | Error e) {
            tls.close();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "HTTPS example listening on {0} with provider {1}",
                server.localAddress(), tls.context().getProvider().getName());
        return new RunningServer(server.localAddress().getPort(), pem, tls.keyManagers(), () -> {
            server.close();
            tls.close();
        });
    }

    private static HttpResponse respond(HttpRequest request, TlsConnection connection, ServerTls tls) {
        if (!request.path().equals("/")) {
            return HttpResponse.error(404, Map.of());
        }
        if (!request.method().equals("GET") && !request.isHead()) {
            return HttpResponse.error(405, Map.of("Allow", "GET, HEAD"));
        }
        return HttpResponse.json(StatusReport.of(connection, tls));
    }
}
