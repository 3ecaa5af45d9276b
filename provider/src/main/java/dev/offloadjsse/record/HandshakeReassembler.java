package dev.offloadjsse.record;

import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.net.ssl.SSLException;

/** Joins handshake messages that span records and splits records that hold several. */
final class HandshakeReassembler {

    private final int maxMessage;
    private byte[] buffer = new byte[0];
    private int length;

    HandshakeReassembler(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    void add(ByteBuffer content) throws SSLException {
        int n = content.remaining();
        if (length + n > maxMessage + 4) {
            throw new RecordException(AlertDescription.UNEXPECTED_MESSAGE,
                    "Post-handshake message exceeds " + maxMessage + " bytes");
        }
        if (buffer.length < length + n) {
            buffer = Arrays.copyOf(buffer, Math.max(length + n, 2 * buffer.length));
        }
        content.get(buffer, length, n);
        length += n;
    }

    /** The next complete message with its 4-byte header, or null. */
    byte[] next() throws SSLException {
        if (length < 4) {
            return null;
        }
        int bodyLength = ((buffer[1] & 0xff) << 16) | ((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff);
        if (bodyLength > maxMessage) {
            throw new RecordException(AlertDescription.UNEXPECTED_MESSAGE,
                    "Post-handshake message of " + bodyLength + " bytes exceeds " + maxMessage);
        }
        int total = 4 + bodyLength;
        if (length < total) {
            return null;
        }
        byte[] message = Arrays.copyOf(buffer, total);
        System.arraycopy(buffer, total, buffer, 0, length - total);
        length -= total;
        return message;
    }

    boolean hasPartialMessage() {
        return length > 0;
    }
}
