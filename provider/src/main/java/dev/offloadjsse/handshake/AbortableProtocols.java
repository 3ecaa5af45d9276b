package dev.offloadjsse.handshake;

import java.io.IOException;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * Bouncy Castle's protocols with one more way out: a fatal alert that the connection owner
 * raises. BC 1.84 has no public method for it, only {@code close()} (user_canceled and
 * close_notify, warnings); its own failures go through the protected {@code handleException},
 * which writes the alert through BC's record stream (so under whatever write keys are in force,
 * with the next sequence number) and then clears the handshake state. These subclasses reach it.
 */
final class AbortableProtocols {

    private static final String MESSAGE = "Handshake aborted by the connection owner";

    private AbortableProtocols() {
    }

    /** Writes a fatal alert into the protocol's output and fails it; nothing if it is already closed. */
    static void abort(TlsProtocol protocol, short alertDescription) throws IOException {
        if (protocol instanceof Server server) {
            server.abort(alertDescription);
        } else {
            ((Client) protocol).abort(alertDescription);
        }
    }

    static final class Server extends TlsServerProtocol {
        void abort(short alertDescription) throws IOException {
            handleException(alertDescription, MESSAGE, null);
        }
    }

    static final class Client extends TlsClientProtocol {
        void abort(short alertDescription) throws IOException {
            handleException(alertDescription, MESSAGE, null);
        }
    }
}
