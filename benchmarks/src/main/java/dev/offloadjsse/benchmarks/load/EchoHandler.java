package dev.offloadjsse.benchmarks.load;

import dev.offloadjsse.nio.ConnectionHandler;
import dev.offloadjsse.nio.TlsConnection;
import java.nio.ByteBuffer;

/** The server's application: answers every request with its own bytes. */
final class EchoHandler implements ConnectionHandler {

    @Override
    public void onData(TlsConnection connection, ByteBuffer plaintext) {
        connection.write(plaintext);
    }
}
