package dev.offloadjsse.conformance;

/** One square of the interop matrix: our provider in {@code ourRole} against {@code peer}. */
record Cell(Peer peer, Role ourRole, String protocol, String suite, CertificateType certificate, Check check) {

    boolean tls13() {
        return protocol.equals("TLSv1.3");
    }

    /** The application data each side sends in this cell. */
    Payload clientPayload() {
        return Payload.of("client", check.payloadSize());
    }

    Payload serverPayload() {
        return Payload.of("server", check.payloadSize());
    }

    /** Whether the cell runs: first what our provider offers at all, then what the peer can do. */
    Support support() {
        if (check == Check.RESUMPTION && tls13()) {
            return Support.notApplicable("our provider offers no TLS 1.3 resumption: its Bouncy Castle 1.84 TLS 1.3"
                    + " server sends no NewSessionTicket, so no PSK is ever offered (TLS 1.2 resumes by session ID)");
        }
        return peer.support(this);
    }

    /** Fails unless the handshake agreed what this cell is about. */
    void verify(Negotiated negotiated) {
        negotiated.require("protocol", protocol, negotiated.protocol());
        negotiated.require("cipher suite", suite, negotiated.suite());
        if (check == Check.ALPN) {
            negotiated.require("application protocol", Check.AGREED_ALPN, negotiated.applicationProtocol());
        }
        if (check == Check.CLIENT_AUTH) {
            negotiated.require("client certificate subject", TestPki.CLIENT_SUBJECT, negotiated.clientSubject());
        }
    }

    /**
     * Resumption: both connections as the cell asks, the second resumed. By session ID it keeps the
     * first's ID (RFC 5246 §7.4.1.2); by session ticket the server echoes the ID the client made up
     * (RFC 5077 §3.4), so only the peer can tell: {@code peerSawResumption}.
     */
    void verifyResumed(Negotiated first, Negotiated second, boolean peerSawResumption) {
        verify(first);
        verify(second);
        if (!peerSawResumption) {
            first.require("session ID of the second connection (resumed)", first.sessionId(), second.sessionId());
        }
    }

    void verifyResumed(Negotiated first, Negotiated second) {
        verifyResumed(first, second, false);
    }

    /** A refused handshake: our side must have failed with an {@code SSLException}. */
    void verifyRefused(Throwable ours, String side) {
        if (!(ours instanceof javax.net.ssl.SSLException)) {
            throw new AssertionError("our " + side + " should have failed the handshake with an SSLException, got: "
                    + ours, ours);
        }
    }

    @Override
    public String toString() {
        return peer.name() + " | ours: " + ourRole.name().toLowerCase() + " | " + protocol + " | " + suite + " | "
                + certificate.label() + " | " + check.description();
    }
}
