package dev.offloadjsse.examples;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloaderStats;
import dev.offloadjsse.nio.TlsConnection;
import dev.offloadjsse.nio.TransportStats;
import dev.offloadjsse.remote.RemoteHandshakers;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The JSON that {@code GET /} returns: this connection's TLS and the server's handshake counters.
 * Every example reports the same fields ({@code protocol}, {@code cipherSuite},
 * {@code applicationProtocol}, {@code clientCertificate}, {@code engine}, {@code offloader},
 * {@code offloaderSteps}, {@code stepThreads}); the nio-transport example adds its transport's
 * counters and where its handshakes ran ({@code handshaker}).
 */
final class StatusReport {

    private StatusReport() {
    }

    static String of(TlsConnection connection, ServerTls tls) {
        TransportStats transport = connection.transportStats();
        SSLEngine engine = connection.engine();
        return common(connection.session().getProtocol(), connection.session().getCipherSuite(),
                engine.getApplicationProtocol(), clientSubject(connection.session()), engine.getClass().getName(),
                "nio-transport", connection.offloader(), tls.stepThreads())
                .put("handshaker", handshaker(tls.remote()))
                .put("handshakes", new JsonObject()
                        .put("offloaded", transport.handshakesOffloaded())
                        .put("completed", transport.handshakesCompleted())
                        .put("failed", transport.handshakesFailed())
                        .put("inFlight", transport.handshakesInFlight()))
                .put("steps", new JsonObject()
                        .put("run", transport.handshakeSteps())
                        .put("totalNanos", transport.stepNanosTotal())
                        .put("maxNanos", transport.stepNanosMax()))
                .put("connectionsOpen", transport.connectionsOpen())
                .toString();
    }

    /**
     * The report of a server in a framework that shows the engine (Jetty, Netty).
     *
     * @param offloader the offloader of the example's provider, or {@code null} with another provider
     * @param stepThreads where the handshake steps ran, or {@code null} with another provider
     */
    static String of(SSLEngine engine, String framework, HandshakeOffloader offloader, StepThreads stepThreads) {
        SSLSession session = engine.getSession();
        return common(session.getProtocol(), session.getCipherSuite(), engine.getApplicationProtocol(),
                clientSubject(session), engine.getClass().getName(), framework, offloader, stepThreads).toString();
    }

    /**
     * The report of a server in a framework that shows neither session nor engine (Tomcat).
     *
     * @param clientChain the client's certificates as the framework shows them, or {@code null}
     */
    static String of(String protocol, String cipherSuite, X509Certificate[] clientChain, String engineClass,
            String framework, HandshakeOffloader offloader, StepThreads stepThreads) {
        String subject = clientChain == null || clientChain.length == 0 ? null
                : clientChain[0].getSubjectX500Principal().getName();
        return common(protocol, cipherSuite, null, subject, engineClass, framework, offloader, stepThreads).toString();
    }

    /** The subject of the client's certificate (RFC 2253), or {@code null} when it presented none. */
    private static String clientSubject(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509
                    ? x509.getSubjectX500Principal().getName() : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /**
     * Where the handshakes ran: {@code local} (this process's own key) or {@code remote} with the
     * configured handshake servers. {@code server}, the one server that ran this connection's
     * handshake, is {@code null}: offload-remote does not report it to the engine yet (asked
     * for in /tmp/offload-bugs.md, REMOTE).
     */
    private static JsonObject handshaker(RemoteHandshakers remote) {
        if (remote == null) {
            return new JsonObject().put("kind", "local");
        }
        return new JsonObject()
                .put("kind", "remote")
                .put("component", remote.toString())
                .put("granularity", remote.granularity().name().toLowerCase(java.util.Locale.ROOT))
                .put("targets", remote.targets())
                .put("server", (String) null);
    }

    private static JsonObject common(String protocol, String cipherSuite, String applicationProtocol,
            String clientCertificate, String engineClass, String framework, HandshakeOffloader offloader,
            StepThreads stepThreads) {
        JsonObject report = new JsonObject()
                .put("protocol", protocol)
                .put("cipherSuite", cipherSuite);
        if (applicationProtocol != null) {
            report.put("applicationProtocol", applicationProtocol);
        }
        report.put("clientCertificate", clientCertificate)
                .put("engine", engineClass)
                .put("framework", framework);
        if (offloader != null) {
            OffloaderStats stats = offloader.stats();
            report.put("offloader", offloader.name())
                    .put("offloaderSteps", new JsonObject()
                            .put("submitted", stats.submitted())
                            .put("completed", stats.completed())
                            .put("rejected", stats.rejected())
                            .put("queued", stats.queued()));
        }
        if (stepThreads != null) {
            report.put("stepThreads", stepThreads.toJson());
        }
        return report;
    }
}
