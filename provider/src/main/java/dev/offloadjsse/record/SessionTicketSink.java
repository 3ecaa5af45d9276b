package dev.offloadjsse.record;

/** Receives the TLS 1.3 NewSessionTicket messages (RFC 8446 §4.6.1) a client is sent. */
@FunctionalInterface
public interface SessionTicketSink {
    SessionTicketSink DISCARD = message -> { };

    /** @param message the whole handshake message body (without its 4-byte header) */
    void accept(byte[] message);
}
