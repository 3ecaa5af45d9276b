package dev.offloadjsse.nio;

import java.nio.ByteBuffer;

/** Writes back what it receives. */
final class EchoHandler implements ConnectionHandler {
    @Override
    public void onData(TlsConnection connection, ByteBuffer plaintext) {
        connection.write(plaintext);
    }
}
