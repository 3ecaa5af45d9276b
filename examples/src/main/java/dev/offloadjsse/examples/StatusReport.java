package dev.offloadjsse.examples;

import dev.offloadjsse.HandshakeOffloader;
import dev.offloadjsse.OffloaderStats;
import dev.offloadjsse.nio.TlsConnection;
import dev.offloadjsse.nio.TransportStats;
import javax.net.ssl.SSLSession;

/**
 * The JSON that {@code GET /} returns: this connection's TLS and the server's handshake counters.
 * Every example reports the same fields ({@code protocol}, {@code cipherSuite}, {@code engine},
 * {@code offloader}, {@code offloaderSteps}, {@code stepThreads}); the nio-transport example adds
 * its transport's counters.
 */
final class StatusReport {

    private StatusReport() {
    }

    static String of(TlsConnection connection, StepThreads stepThreads) {
        TransportStats transport = connection.transportStats();
        return common(connection.session(), connection.engine().getClass().getName(), "nio-transport",
                connection.offloader(), stepThreads)
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
     * The report of a server in a framework (Jetty, Tomcat, Netty).
     *
     * @param engineClass the class of the {@code SSLEngine} that serves the connection
     * @param offloader the offloader of the example's provider, or {@code null} with another provider
     * @param stepThreads where the handshake steps ran, or {@code null} with another provider
     */
    static String of(SSLSession session, String engineClass, String framework, HandshakeOffloader offloader,
            StepThreads stepThreads) {
        return of(session.getProtocol(), session.getCipherSuite(), engineClass, framework, offloader, stepThreads);
    }

    /** As {@link #of(SSLSession, String, String, HandshakeOffloader, StepThreads)}, for a framework that shows no session. */
    static String of(String protocol, String cipherSuite, String engineClass, String framework,
            HandshakeOffloader offloader, StepThreads stepThreads) {
        return common(protocol, cipherSuite, engineClass, framework, offloader, stepThreads).toString();
    }

    private static JsonObject common(SSLSession session, String engineClass, String framework,
            HandshakeOffloader offloader, StepThreads stepThreads) {
        return common(session.getProtocol(), session.getCipherSuite(), engineClass, framework, offloader, stepThreads);
    }

    private static JsonObject common(String protocol, String cipherSuite, String engineClass, String framework,
            HandshakeOffloader offloader, StepThreads stepThreads) {
        JsonObject report = new JsonObject()
                .put("protocol", protocol)
                .put("cipherSuite", cipherSuite)
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
