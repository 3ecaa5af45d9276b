package dev.offloadjsse.record;

/** What one opened record turned out to be, for the engine to report. */
public enum InboundRecord {
    /** Application data was written to the caller's buffer. */
    APPLICATION_DATA,
    /** A post-handshake message (KeyUpdate, NewSessionTicket) or a part of one was consumed. */
    POST_HANDSHAKE,
    /** The peer sent close_notify: no more data will arrive. */
    CLOSE_NOTIFY,
    /** A warning alert that needs no action (TLS 1.2 warnings, user_canceled). */
    IGNORED_ALERT
}
