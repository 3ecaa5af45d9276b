package dev.offloadjsse.record;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLException;

/** RFC 8446 §5.2: TLSInnerPlaintext with its content type, nonce = iv XOR seq, header as AAD. */
public final class Tls13Protection extends RecordProtection {

    private final byte[] iv;
    private final byte[] aad = new byte[RecordFormat.HEADER_LENGTH];

    public Tls13Protection(AeadAlgorithm algorithm, TrafficKeys keys, long sequence, boolean encrypt)
            throws SSLException {
        super(algorithm, keys.key(), sequence, encrypt);
        this.iv = keys.iv();
    }

    @Override
    public int plaintextOffset() {
        return 0;
    }

    @Override
    public int overhead() {
        return 1 + AeadAlgorithm.TAG_LENGTH;
    }

    @Override
    protected int innerTypeLength() {
        return 1;
    }

    @Override
    protected int seal(byte contentType, ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int start)
            throws SSLException {
        int fragment = length + 1 + AeadAlgorithm.TAG_LENGTH;
        RecordFormat.putHeader(aad, ContentType.APPLICATION_DATA, fragment);
        xorNonce(iv);
        encrypt(aad, src, srcOffset, length, contentType, dst, start + RecordFormat.HEADER_LENGTH);
        dst.put(start, aad);
        advance();
        return RecordFormat.HEADER_LENGTH + fragment;
    }

    @Override
    public int open(ByteBuffer src, int recordLength, ByteBuffer out) throws SSLException {
        int start = src.position();
        if (src.get(start) != ContentType.APPLICATION_DATA) {
            throw new RecordException(AlertDescription.UNEXPECTED_MESSAGE, "Unprotected "
                    + ContentType.name(src.get(start)) + " record after the TLS 1.3 handshake");
        }
        int fragment = recordLength - RecordFormat.HEADER_LENGTH;
        requireAtLeast(fragment, AeadAlgorithm.TAG_LENGTH + 1);
        if (fragment > RecordFormat.MAX_PLAINTEXT + 256) {
            throw new RecordException(AlertDescription.RECORD_OVERFLOW,
                    "Protected record of " + fragment + " bytes exceeds 2^14 + 256 (RFC 8446 §5.2)");
        }
        src.get(start, aad);
        xorNonce(iv);
        int outStart = out.position();
        int written = decrypt(aad, src, start + RecordFormat.HEADER_LENGTH, recordLength - RecordFormat.HEADER_LENGTH,
                out, outStart);
        int end = outStart + written;
        while (end > outStart && out.get(end - 1) == 0) {
            end--;
        }
        if (end == outStart) {
            throw new RecordException(AlertDescription.UNEXPECTED_MESSAGE, "TLS 1.3 record has no content type");
        }
        int contentType = out.get(end - 1);
        int contentLength = end - 1 - outStart;
        if (contentLength > RecordFormat.MAX_PLAINTEXT) {
            throw new RecordException(AlertDescription.RECORD_OVERFLOW,
                    "Record plaintext of " + contentLength + " bytes exceeds 2^14");
        }
        advance();
        out.position(outStart + contentLength);
        return contentType;
    }
}
