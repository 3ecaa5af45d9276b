package dev.offloadjsse.record;

import javax.net.ssl.SSLException;

/** The peer sent a fatal alert: the connection is over and no alert is sent back. */
public final class PeerAlertException extends SSLException {
    private static final long serialVersionUID = 1L;
    private final int description;

    public PeerAlertException(int description) {
        super("Received fatal alert: " + AlertDescription.name(description));
        this.description = description;
    }

    public int description() {
        return description;
    }
}
