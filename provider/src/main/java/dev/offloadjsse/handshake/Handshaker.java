package dev.offloadjsse.handshake;

import java.util.List;

/**
 * The offload component's handshake state machine, fed whole TLS records and answering with
 * records to write and, at the end, a {@link HandshakeResult}. One step at a time: callers never
 * run two steps of the same handshaker concurrently.
 */
public interface Handshaker {

    /**
     * Processes {@code records} in order (the first step of a client may offer none: it produces
     * the ClientHello) and stops early once the handshake completes.
     *
     * @throws HandshakeFailedException the handshake failed; the alert to send is in the exception
     */
    HandshakeStep step(List<byte[]> records) throws HandshakeFailedException;

    /** Frees the handshake state; called once the result is installed or the handshake failed. */
    void close();
}
