package dev.offloadjsse.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Edits a captured, valid byte string (a ClientHello flight, a sealed record) under the
 * fuzzer's control: bit flips, byte sets, inserts, deletes, overwrites, truncation and
 * duplication. Starting from real bytes keeps most inputs deep inside the parser instead of
 * being rejected at the first byte.
 */
final class Mutator {

    private Mutator() {
    }

    static byte[] mutate(byte[] original, FuzzedDataProvider data, int maxEdits) {
        byte[] bytes = original.clone();
        int edits = data.consumeInt(0, maxEdits);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            bytes = edit(bytes, data);
        }
        return bytes;
    }

    private static byte[] edit(byte[] bytes, FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 6);
        if (bytes.length == 0) {
            return data.consumeBytes(data.consumeInt(1, 64));
        }
        int at = data.consumeInt(0, bytes.length - 1);
        switch (kind) {
            case 0: // flip one bit
                bytes[at] ^= (byte) (1 << data.consumeInt(0, 7));
                return bytes;
            case 1: // set one byte (0x00, 0xff and small lengths are what parsers trip on)
                bytes[at] = data.consumeByte();
                return bytes;
            case 2: { // insert bytes
                byte[] inserted = data.consumeBytes(data.consumeInt(1, 300));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(bytes, 0, at);
                out.write(inserted, 0, inserted.length);
                out.write(bytes, at, bytes.length - at);
                return out.toByteArray();
            }
            case 3: { // delete a range
                int length = data.consumeInt(1, bytes.length - at);
                byte[] shorter = new byte[bytes.length - length];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + length, shorter, at, bytes.length - at - length);
                return shorter;
            }
            case 4: { // overwrite a range
                byte[] patch = data.consumeBytes(data.consumeInt(1, 64));
                int n = Math.min(patch.length, bytes.length - at);
                System.arraycopy(patch, 0, bytes, at, n);
                return bytes;
            }
            case 5: // truncate
                return Arrays.copyOf(bytes, at);
            default: { // duplicate a range in place (repeated extensions, repeated records)
                int length = data.consumeInt(1, Math.min(512, bytes.length - at));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(bytes, 0, at + length);
                out.write(bytes, at, length);
                out.write(bytes, at + length, bytes.length - at - length);
                return out.toByteArray();
            }
        }
    }
}
