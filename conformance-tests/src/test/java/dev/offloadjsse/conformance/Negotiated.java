package dev.offloadjsse.conformance;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

/** What our side's handshake agreed, read back from its {@code SSLSession}. */
record Negotiated(String protocol, String suite, String applicationProtocol) {

    static Negotiated of(SSLSocket socket) {
        return new Negotiated(socket.getSession().getProtocol(), socket.getSession().getCipherSuite(),
                socket.getApplicationProtocol());
    }

    static Negotiated of(SSLEngine engine) {
        return new Negotiated(engine.getSession().getProtocol(), engine.getSession().getCipherSuite(),
                engine.getApplicationProtocol());
    }

    void require(String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("negotiated " + what + " is " + actual + ", expected " + expected + " (" + this + ")");
        }
    }
}
