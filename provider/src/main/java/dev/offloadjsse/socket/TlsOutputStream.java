package dev.offloadjsse.socket;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** A TLS socket's application data out: each write is sealed and sent before it returns. Closing it closes the socket. */
final class TlsOutputStream extends OutputStream {

    private final RecordPump pump;
    private final OffloadSSLSocket socket;

    TlsOutputStream(RecordPump pump, OffloadSSLSocket socket) {
        this.pump = pump;
        this.socket = socket;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (socket.isClosed()) {
            throw new java.net.SocketException("Socket is closed");
        }
        pump.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
