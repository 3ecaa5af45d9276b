package dev.offloadjsse.engine;

import dev.offloadjsse.record.RecordFormat;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Records produced by the handshake component that wait to be written, one record per wrap. */
final class OutboundRecords {

    private byte[] bytes = new byte[0];
    private int start;
    private int end;

    void add(byte[] records) {
        if (records.length == 0) {
            return;
        }
        if (start == end) {
            bytes = records.clone();
            start = 0;
            end = records.length;
            return;
        }
        byte[] joined = Arrays.copyOf(Arrays.copyOfRange(bytes, start, end), end - start + records.length);
        System.arraycopy(records, 0, joined, end - start, records.length);
        bytes = joined;
        start = 0;
        end = joined.length;
    }

    boolean isEmpty() {
        return start == end;
    }

    /** Length of the next record, header included (the handshake component writes whole records). */
    int nextRecordLength() {
        int length = ((bytes[start + 3] & 0xff) << 8) | (bytes[start + 4] & 0xff);
        return Math.min(RecordFormat.HEADER_LENGTH + length, end - start);
    }

    int write(ByteBuffer dst) {
        int length = nextRecordLength();
        dst.put(bytes, start, length);
        start += length;
        if (start == end) {
            clear();
        }
        return length;
    }

    void clear() {
        bytes = new byte[0];
        start = 0;
        end = 0;
    }
}
