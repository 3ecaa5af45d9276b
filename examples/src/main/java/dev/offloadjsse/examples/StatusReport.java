package dev.offloadjsse.examples;

import dev.offloadjsse.OffloaderStats;
import dev.offloadjsse.nio.TlsConnection;
import dev.offloadjsse.nio.TransportStats;
import javax.net.ssl.SSLSession;

/** The JSON that {@code GET /} returns: this connection's TLS and the server's handshake counters. */
final class StatusReport {

    private StatusReport() {
    }

    static String of(TlsConnection connection) {
        SSLSession session = connection.session();
        TransportStats transport = connection.transportStats();
        OffloaderStats offloader = connection.offloader().stats();
        return new JsonObject()
                .put("protocol", session.getProtocol())
                .put("cipherSuite", session.getCipherSuite())
                .put("engine", connection.engine().getClass().getName())
                .put("offloader", connection.offloader().name())
                .put("handshakes", new JsonObject()
                        .put("offloaded", transport.handshakesOffloaded())
                        .put("completed", transport.handshakesCompleted())
                        .put("failed", transport.handshakesFailed())
                        .put("inFlight", transport.handshakesInFlight()))
                .put("steps", new JsonObject()
                        .put("run", transport.handshakeSteps())
                        .put("totalNanos", transport.stepNanosTotal())
                        .put("maxNanos", transport.stepNanosMax()))
                .put("offloaderSteps", new JsonObject()
                        .put("submitted", offloader.submitted())
                        .put("completed", offloader.completed())
                        .put("rejected", offloader.rejected())
                        .put("queued", offloader.queued()))
                .put("connectionsOpen", transport.connectionsOpen())
                .toString();
    }
}
