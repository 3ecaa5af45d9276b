package dev.offloadjsse.handshake;

import javax.net.ssl.SSLHandshakeException;

/** A failed handshake step, with the alert records the handshake produced for the peer. */
public final class HandshakeFailedException extends SSLHandshakeException {
    private static final long serialVersionUID = 1L;
    /** RFC 8446 §6.2 internal_error, when nothing more precise is known. */
    public static final int INTERNAL_ERROR = 80;
    /** The peer ended the handshake with its own alert: none is sent back. */
    public static final int NO_ALERT = -1;

    private final transient byte[] alertRecords;
    private final int alert;

    /**
     * @param alertRecords the records the handshake wrote for the peer (may be empty)
     * @param alert the fatal alert's description, for an owner that must write it itself, or {@link #NO_ALERT}
     */
    public HandshakeFailedException(String message, byte[] alertRecords, int alert, Throwable cause) {
        super(message);
        this.alertRecords = alertRecords;
        this.alert = alert;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** Records (usually one fatal alert) to write before closing; may be empty. */
    public byte[] alertRecords() {
        return alertRecords;
    }

    public int alert() {
        return alert;
    }
}
