package dev.offloadjsse.socket;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** A TLS socket's application data in: the pump's reads; the end is the peer's close_notify. Closing it closes the socket, as for any socket stream. */
final class TlsInputStream extends InputStream {

    private final RecordPump pump;
    private final OffloadSSLSocket socket;

    TlsInputStream(RecordPump pump, OffloadSSLSocket socket) {
        this.pump = pump;
        this.socket = socket;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (socket.isClosed()) {
            throw new java.net.SocketException("Socket is closed");
        }
        if (socket.isInputShutdown()) {
            return -1;
        }
        return pump.read(b, off, len);
    }

    @Override
    public int available() {
        return pump.available();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
