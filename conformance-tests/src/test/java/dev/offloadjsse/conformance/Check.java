package dev.offloadjsse.conformance;

/** What a cell exercises besides the handshake of its version, suite and certificate. */
enum Check {
    /** 1 KiB each way, then close_notify from the server and the end of both streams. */
    HANDSHAKE("handshake + 1 KiB each way + graceful close", 1024),
    /** 1 MiB each way: many full records, AEAD sequence numbers past 64. */
    BULK("1 MiB each way", 1 << 20),
    /** The client offers h2 and http/1.1, the server only knows http/1.1 (RFC 7301 §3.2). */
    ALPN("ALPN: client h2,http/1.1 / server http/1.1", 1024),
    /** The client's key share is for a group the server does not take (RFC 8446 §4.1.4). */
    HELLO_RETRY("HelloRetryRequest", 1024),
    /**
     * The peer sends KeyUpdate in the middle of the data, at least once requesting ours (RFC 8446
     * §4.6.3); OpenSSL also once not requesting it ({@code k}, then {@code K}).
     */
    KEY_UPDATE("KeyUpdate from the peer, requesting ours", 64 * 1024),
    /** The server requires a client certificate (need), the client sends one the server trusts (RFC 8446 §4.3.2). */
    CLIENT_AUTH("client auth (need), client certificate sent", 1024),
    /**
     * The server requires a client certificate, the client has none: the server must refuse the
     * handshake with an alert (RFC 8446 §4.4.2.4, RFC 5246 §7.4.6) and no data may pass.
     */
    CLIENT_AUTH_REFUSED("client auth (need), no client certificate: refused", 1024),
    /** Two connections of the same contexts; the second resumes the first's session (RFC 5246 §7.3 session ID). */
    RESUMPTION("resumption: second connection resumes the session", 1024);

    /** Whether the handshake of this check must fail. */
    boolean refused() {
        return this == CLIENT_AUTH_REFUSED;
    }

    boolean serverNeedsClientAuth() {
        return this == CLIENT_AUTH || this == CLIENT_AUTH_REFUSED;
    }

    private final String description;
    private final int payloadSize;

    Check(String description, int payloadSize) {
        this.description = description;
        this.payloadSize = payloadSize;
    }

    String description() {
        return description;
    }

    int payloadSize() {
        return payloadSize;
    }

    static final String[] CLIENT_ALPN = {"h2", "http/1.1"};
    static final String[] SERVER_ALPN = {"http/1.1"};
    static final String AGREED_ALPN = "http/1.1";
}
