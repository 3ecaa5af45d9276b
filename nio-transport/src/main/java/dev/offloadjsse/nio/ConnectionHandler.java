package dev.offloadjsse.nio;

import java.nio.ByteBuffer;

/**
 * What the application does with one connection. All calls come on the transport's loop thread,
 * so an implementation needs no locking as long as it keeps its state per connection; it must not
 * block.
 */
public interface ConnectionHandler {

    /** The handshake has completed; {@link TlsConnection#session()} is the negotiated session. */
    default void onOpen(TlsConnection connection) {
    }

    /**
     * Plaintext from the peer. The buffer is only valid during the call: consume or copy it.
     */
    void onData(TlsConnection connection, ByteBuffer plaintext);

    /**
     * The connection is closed; called exactly once, also when the handshake failed (then
     * {@link #onOpen} was never called).
     *
     * @param failure why it ended, or {@code null} for an orderly close by either side
     */
    default void onClose(TlsConnection connection, Throwable failure) {
    }
}
