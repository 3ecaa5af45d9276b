package dev.offloadjsse.handshake;

import javax.net.ssl.SSLHandshakeException;

/** A failed handshake step, with the alert records the handshake produced for the peer. */
public final class HandshakeFailedException extends SSLHandshakeException {
    private static final long serialVersionUID = 1L;
    private final transient byte[] alertRecords;

    public HandshakeFailedException(String message, byte[] alertRecords, Throwable cause) {
        super(message);
        this.alertRecords = alertRecords;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** Records (usually one fatal alert) to write before closing; may be empty. */
    public byte[] alertRecords() {
        return alertRecords;
    }
}
