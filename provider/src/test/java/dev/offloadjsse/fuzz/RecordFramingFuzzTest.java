package dev.offloadjsse.fuzz;

import static dev.offloadjsse.fuzz.EngineDriver.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.offloadjsse.record.RecordFormat;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLProtocolException;

/**
 * The record framer on arbitrary bytes. Oracle, RFC 8446 §5.1 / RFC 5246 §6.2.1: {@code -1} exactly
 * when fewer than 5 bytes are there; otherwise the header's length plus 5, at most
 * {@code HEADER_LENGTH + MAX_CIPHERTEXT}, for a known content type and major version 3 — or an
 * {@link SSLProtocolException}. The buffer's position and limit never move. Framing a stream
 * record by record ends on a record boundary or on an incomplete record.
 */
class RecordFramingFuzzTest {

    private static final int[] KNOWN_TYPES = {20, 21, 22, 23};

    @FuzzTest(maxDuration = "60s")
    void peekRecordLengthFramesOrRejects(byte[] data) {
        // Heap, read-only and direct buffers, at a non-zero position, as engines receive them.
        int offset = data.length > 0 ? (data[0] & 7) : 0;
        ByteBuffer heap = ByteBuffer.allocate(offset + data.length);
        heap.position(offset);
        heap.put(data).position(offset);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        frameStream(heap, data, offset);
        frameStream(direct, data, 0);
        frameStream(ByteBuffer.wrap(data).asReadOnlyBuffer(), data, 0);
    }

    private static void frameStream(ByteBuffer buffer, byte[] data, int offset) {
        int records = 0;
        while (true) {
            check(++records <= data.length + 1, "framing does not advance");
            int position = buffer.position();
            int limit = buffer.limit();
            int at = position - offset;
            int length;
            try {
                length = RecordFormat.peekRecordLength(buffer);
            } catch (SSLProtocolException rejected) {
                check(buffer.position() == position && buffer.limit() == limit, "a rejected header moved the buffer");
                check(buffer.remaining() >= RecordFormat.HEADER_LENGTH, "rejected a header of fewer than 5 bytes");
                check(!acceptable(data, at), "rejected a valid header at " + at + ": " + rejected.getMessage());
                return;
            }
            check(buffer.position() == position && buffer.limit() == limit, "peekRecordLength moved the buffer");
            if (buffer.remaining() < RecordFormat.HEADER_LENGTH) {
                check(length == -1, "returned " + length + " for a partial header");
                return;
            }
            check(acceptable(data, at), "accepted an invalid header at " + at);
            int expected = RecordFormat.HEADER_LENGTH + (((data[at + 3] & 0xff) << 8) | (data[at + 4] & 0xff));
            check(length == expected, "length " + length + " but the header says " + expected);
            check(length <= RecordFormat.HEADER_LENGTH + RecordFormat.MAX_CIPHERTEXT, "length above the TLS maximum");
            if (buffer.remaining() < length) {
                return;
            }
            buffer.position(position + length);
        }
    }

    private static boolean acceptable(byte[] data, int at) {
        int type = data[at] & 0xff;
        boolean knownType = false;
        for (int known : KNOWN_TYPES) {
            knownType |= type == known;
        }
        int length = ((data[at + 3] & 0xff) << 8) | (data[at + 4] & 0xff);
        return knownType && data[at + 1] == 3 && length <= RecordFormat.MAX_CIPHERTEXT;
    }
}
