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
    KEY_UPDATE("KeyUpdate from the peer, requesting ours", 64 * 1024);

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
