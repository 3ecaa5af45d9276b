package dev.offloadjsse.conformance;

import java.security.Principal;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * What our side's handshake agreed, read back from its {@code SSLSession}: besides version, suite
 * and ALPN, the session ID (a resumed TLS 1.2 session keeps it, RFC 5246 §7.4.1.3) and the client
 * certificate's subject (the peer's on a server, our own on a client; null when none was sent).
 */
record Negotiated(String protocol, String suite, String applicationProtocol, String sessionId, String clientSubject) {

    static Negotiated of(SSLSocket socket) {
        return of(socket.getSession(), socket.getUseClientMode(), socket.getApplicationProtocol());
    }

    static Negotiated of(SSLEngine engine) {
        return of(engine.getSession(), engine.getUseClientMode(), engine.getApplicationProtocol());
    }

    private static Negotiated of(SSLSession session, boolean client, String applicationProtocol) {
        return new Negotiated(session.getProtocol(), session.getCipherSuite(), applicationProtocol,
                HexFormat.of().formatHex(session.getId()), name(client ? session.getLocalPrincipal() : peerPrincipal(session)));
    }

    private static Principal peerPrincipal(SSLSession session) {
        try {
            return session.getPeerPrincipal();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static String name(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    void require(String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("negotiated " + what + " is " + actual + ", expected " + expected + " (" + this + ")");
        }
    }
}
