package dev.offloadjsse.record;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLException;

/**
 * RFC 5246 §6.2.3.3 AEAD records: AAD = seq || type || version || length. Nonce: RFC 5288 (AES-GCM:
 * 4-byte salt || 8-byte explicit nonce, which we set to the sequence number) or RFC 7905
 * (ChaCha20-Poly1305: iv XOR seq).
 */
public final class Tls12Protection extends RecordProtection {

    private final byte[] iv;
    private final byte[] aad = new byte[13];
    private final int explicitNonce;

    public Tls12Protection(AeadAlgorithm algorithm, byte[] key, byte[] iv, long sequence, boolean encrypt)
            throws SSLException {
        super(algorithm, key, sequence, encrypt);
        this.iv = iv.clone();
        this.explicitNonce = algorithm.tls12ExplicitNonceLength();
    }

    @Override
    public int plaintextOffset() {
        return explicitNonce;
    }

    @Override
    public int overhead() {
        return explicitNonce + AeadAlgorithm.TAG_LENGTH;
    }

    @Override
    protected int seal(byte contentType, ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int start)
            throws SSLException {
        int payload = start + RecordFormat.HEADER_LENGTH + explicitNonce;
        computeNonce();
        int fragment = explicitNonce + length + AeadAlgorithm.TAG_LENGTH;
        fillAad(contentType, length);
        encrypt(aad, src, srcOffset, length, -1, dst, payload);
        if (explicitNonce > 0) {
            dst.put(start + RecordFormat.HEADER_LENGTH, nonce, iv.length, explicitNonce);
        }
        RecordFormat.putHeader(dst, start, contentType, fragment);
        advance();
        return RecordFormat.HEADER_LENGTH + fragment;
    }

    @Override
    public int open(ByteBuffer src, int recordLength, ByteBuffer out) throws SSLException {
        int start = src.position();
        int fragment = recordLength - RecordFormat.HEADER_LENGTH;
        requireAtLeast(fragment, explicitNonce + AeadAlgorithm.TAG_LENGTH);
        int plaintextLength = fragment - explicitNonce - AeadAlgorithm.TAG_LENGTH;
        if (plaintextLength > RecordFormat.MAX_PLAINTEXT) {
            throw new RecordException(AlertDescription.RECORD_OVERFLOW,
                    "Record plaintext of " + plaintextLength + " bytes exceeds 2^14");
        }
        byte contentType = src.get(start);
        if (src.get(start + 1) != 3 || src.get(start + 2) != 3) {
            throw new RecordException(AlertDescription.PROTOCOL_VERSION, "Record version " + src.get(start + 1) + "."
                    + src.get(start + 2) + " on a TLS 1.2 connection");
        }
        if (explicitNonce > 0) {
            System.arraycopy(iv, 0, nonce, 0, iv.length);
            src.get(start + RecordFormat.HEADER_LENGTH, nonce, iv.length, explicitNonce);
        } else {
            computeNonce();
        }
        fillAad(contentType, plaintextLength);
        int outStart = out.position();
        int payload = start + RecordFormat.HEADER_LENGTH + explicitNonce;
        decrypt(aad, src, payload, start + recordLength - payload, out, outStart);
        advance();
        out.position(outStart + plaintextLength);
        return contentType;
    }

    private void computeNonce() {
        if (explicitNonce > 0) {
            System.arraycopy(iv, 0, nonce, 0, iv.length);
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] = (byte) (sequence >>> (8 * i));
            }
        } else {
            xorNonce(iv);
        }
    }

    private void fillAad(byte contentType, int plaintextLength) {
        for (int i = 0; i < 8; i++) {
            aad[7 - i] = (byte) (sequence >>> (8 * i));
        }
        aad[8] = contentType;
        aad[9] = 3;
        aad[10] = 3;
        aad[11] = (byte) (plaintextLength >>> 8);
        aad[12] = (byte) plaintextLength;
    }
}
