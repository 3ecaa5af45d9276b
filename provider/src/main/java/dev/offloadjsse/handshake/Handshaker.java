package dev.offloadjsse.handshake;

import java.util.List;

/**
 * The offload component's handshake state machine, fed whole TLS records and answering with
 * records to write and, at the end, a {@link HandshakeResult}. One step at a time: callers never
 * run two steps of the same handshaker concurrently, nor call any other method while a step runs.
 */
public interface Handshaker {

    /**
     * Processes {@code records} in order (the first step of a client may offer none: it produces
     * the ClientHello) and stops early once the handshake completes.
     *
     * @throws HandshakeFailedException the handshake failed; the alert to send is in the exception
     */
    HandshakeStep step(List<byte[]> records) throws HandshakeFailedException;

    /**
     * Ends the handshake with a fatal alert that the connection owner decided on (a refused step,
     * a deadline, bad input, a result it cannot install) and returns the records to write after
     * everything the handshaker has written so far. Once the handshake's write keys are in force
     * the alert must be protected under them, as the component's next record would be (RFC 8446
     * §5 and §6; RFC 5246 §7.1 after ChangeCipherSpec): only the component holds those keys. Never
     * called while a step runs. {@link #close()} follows.
     *
     * <p>{@code null} (this default): the component cannot reach its record layer, and the owner
     * writes the alert in the clear, which the peer can read only before encryption has started.
     */
    default byte[] abort(int alertDescription) {
        return null;
    }

    /**
     * Cancels the handshake for a {@code closeOutbound()}: user_canceled then close_notify, both
     * warnings (RFC 8446 §6.1), protected like {@link #abort}'s alert. Never called while a step
     * runs. {@link #close()} follows. {@code null} (this default): as for {@link #abort}, the
     * owner writes them in the clear.
     */
    default byte[] cancel() {
        return null;
    }

    /** Frees the handshake state; called once the result is installed or the handshake failed. */
    void close();
}
