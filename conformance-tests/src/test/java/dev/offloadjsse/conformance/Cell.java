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

    /** Fails unless the handshake agreed what this cell is about. */
    void verify(Negotiated negotiated) {
        negotiated.require("protocol", protocol, negotiated.protocol());
        negotiated.require("cipher suite", suite, negotiated.suite());
        if (check == Check.ALPN) {
            negotiated.require("application protocol", Check.AGREED_ALPN, negotiated.applicationProtocol());
        }
    }

    @Override
    public String toString() {
        return peer.name() + " | ours: " + ourRole.name().toLowerCase() + " | " + protocol + " | " + suite + " | "
                + certificate.label() + " | " + check.description();
    }
}
