package dev.offloadjsse.record;

import javax.net.ssl.SSLException;

/** A record-layer failure that must be reported to the peer with the given fatal alert. */
public final class RecordException extends SSLException {
    private static final long serialVersionUID = 1L;
    private final int alert;

    public RecordException(int alert, String message) {
        super(message + " (alert " + AlertDescription.name(alert) + ")");
        this.alert = alert;
    }

    public RecordException(int alert, String message, Throwable cause) {
        this(alert, message);
        initCause(cause);
    }

    public int alert() {
        return alert;
    }
}
