package dev.offloadjsse.record;

import javax.net.ssl.SSLProtocolException;
import java.nio.ByteBuffer;

/** Sizes of the TLS record format and the framing of records in a byte stream. */
public final class RecordFormat {
    public static final int HEADER_LENGTH = 5;
    public static final int MAX_PLAINTEXT = 1 << 14;
    /** RFC 8446 §5.2: a TLSCiphertext may be 2^14 + 256 bytes; RFC 5246 allows 2^14 + 2048. */
    public static final int MAX_CIPHERTEXT = MAX_PLAINTEXT + 2048;
    /** The largest record this provider emits or accepts from a peer using AEAD suites. */
    public static final int MAX_PACKET = HEADER_LENGTH + MAX_PLAINTEXT + 256;

    private RecordFormat() {
    }

    /**
     * The length of the record at {@code src}'s position including its header, or -1 when fewer
     * than {@link #HEADER_LENGTH} bytes are there. Does not move {@code src}.
     *
     * @throws SSLProtocolException when the header cannot start a TLS record
     */
    public static int peekRecordLength(ByteBuffer src) throws SSLProtocolException {
        if (src.remaining() < HEADER_LENGTH) {
            return -1;
        }
        int position = src.position();
        int type = src.get(position) & 0xff;
        int major = src.get(position + 1) & 0xff;
        int length = ((src.get(position + 3) & 0xff) << 8) | (src.get(position + 4) & 0xff);
        if (!ContentType.isKnown(type)) {
            throw new SSLProtocolException("Unrecognised TLS record type " + type
                    + (type == 'G' || type == 'P' || type == 'H' ? " (is the peer speaking plain HTTP?)" : ""));
        }
        if (major != 3) {
            throw new SSLProtocolException("Unsupported record version " + major + "."
                    + (src.get(position + 2) & 0xff) + " in a " + ContentType.name(type) + " record");
        }
        if (length > MAX_CIPHERTEXT) {
            throw new SSLProtocolException("Record length " + length + " exceeds the maximum "
                    + MAX_CIPHERTEXT + " (" + ContentType.name(type) + " record)");
        }
        return HEADER_LENGTH + length;
    }

    /** True when {@code bytes} is a sequence of whole records with plausible headers (and nothing else). */
    public static boolean isWholeRecords(byte[] bytes) {
        ByteBuffer records = ByteBuffer.wrap(bytes);
        try {
            while (records.hasRemaining()) {
                int length = peekRecordLength(records);
                if (length < 0 || length > records.remaining()) {
                    return false;
                }
                records.position(records.position() + length);
            }
            return true;
        } catch (SSLProtocolException notARecord) {
            return false;
        }
    }

    public static int contentType(ByteBuffer src) {
        return src.get(src.position()) & 0xff;
    }

    /** The header into {@code header}'s first {@link #HEADER_LENGTH} bytes (TLS 1.3's additional data). */
    public static void putHeader(byte[] header, byte type, int length) {
        header[0] = type;
        header[1] = 3;
        header[2] = 3;
        header[3] = (byte) (length >>> 8);
        header[4] = (byte) length;
    }

    public static void putHeader(ByteBuffer dst, int offset, byte type, int length) {
        dst.put(offset, type);
        dst.put(offset + 1, (byte) 3);
        dst.put(offset + 2, (byte) 3);
        dst.put(offset + 3, (byte) (length >>> 8));
        dst.put(offset + 4, (byte) length);
    }
}
