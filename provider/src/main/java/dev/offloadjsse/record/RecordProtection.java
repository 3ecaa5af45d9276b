package dev.offloadjsse.record;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;

/**
 * AEAD protection of the records of one direction: the key, the nonce base and the sequence
 * number. Subclasses supply what TLS 1.3 and TLS 1.2 do differently (nonce, additional data,
 * inner content type).
 */
public abstract class RecordProtection {

    protected final AeadAlgorithm algorithm;
    private static final ThreadLocal<byte[]> ALIGNED = ThreadLocal.withInitial(() -> new byte[RecordFormat.MAX_PACKET]);

    /** Made at the first record: an idle connection holds no cipher. */
    private Cipher cipher;
    private final SecretKeySpec key;
    protected final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final int cipherMode;
    protected long sequence;

    protected RecordProtection(AeadAlgorithm algorithm, byte[] key, long sequence, boolean encrypt)
            throws SSLException {
        this.algorithm = algorithm;
        this.key = new SecretKeySpec(key, algorithm.keyAlgorithm());
        this.sequence = sequence;
        this.cipherMode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
    }

    public long sequence() {
        return sequence;
    }

    /** Bytes between the record header and the plaintext (the explicit nonce of TLS 1.2 AES-GCM). */
    public abstract int plaintextOffset();

    /** Record length minus header minus plaintext: explicit nonce, inner type and tag. */
    public abstract int overhead();

    /**
     * Seals {@code length} bytes of plaintext already placed at
     * {@code start + HEADER_LENGTH + plaintextOffset()} in {@code dst} into one record beginning
     * at {@code start}, header included, and returns the record's length. {@code dst} must have
     * room for {@code overhead()} more bytes; its position is not moved.
     */
    public abstract int seal(byte contentType, ByteBuffer dst, int start, int length) throws SSLException;

    /**
     * Opens the record of {@code recordLength} bytes at {@code src}'s position into {@code out} at
     * its position, advancing {@code out} past the plaintext, and returns the record's (inner)
     * content type. Neither buffer's position moves when this throws.
     */
    public abstract int open(ByteBuffer src, int recordLength, ByteBuffer out) throws SSLException;

    /** The largest plaintext a record of {@code recordLength} bytes can carry. */
    public int maxPlaintext(int recordLength) {
        return recordLength - RecordFormat.HEADER_LENGTH - overhead() + innerTypeLength();
    }

    protected int innerTypeLength() {
        return 0;
    }

    /** Nonce for the current sequence number: {@code iv XOR seq}, RFC 8446 §5.3 and RFC 7905. */
    protected final void xorNonce(byte[] iv) {
        System.arraycopy(iv, 0, nonce, 0, nonce.length);
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
    }

    /**
     * Runs the AEAD over {@code length} bytes of {@code in} at absolute {@code inOffset} into
     * {@code out} at absolute {@code outOffset} (up to its limit); returns the bytes written.
     * Array-backed buffers use the array form, which allocates least in the JDK's ciphers.
     */
    protected final int crypt(byte[] aad, ByteBuffer in, int inOffset, int length, ByteBuffer out, int outOffset)
            throws SSLException {
        try {
            if (cipher == null) {
                cipher = algorithm.newCipher();
            }
            cipher.init(cipherMode, key, algorithm.parameters(nonce));
            cipher.updateAAD(aad);
            if (in.hasArray() && out.hasArray()) {
                return cryptArrays(in.array(), in.arrayOffset() + inOffset, length, out, outOffset);
            }
            return cipher.doFinal(in.duplicate().limit(inOffset + length).position(inOffset),
                    out.duplicate().limit(out.limit()).position(outOffset));
        } catch (AEADBadTagException e) {
            throw new RecordException(AlertDescription.BAD_RECORD_MAC,
                    "Record " + sequence + " failed authentication: the peer's record was altered or keys differ", e);
        } catch (GeneralSecurityException e) {
            throw new RecordException(AlertDescription.INTERNAL_ERROR, algorithm + " record protection failed", e);
        }
    }

    protected final void advance() throws SSLException {
        if (++sequence == 0) {
            throw new RecordException(AlertDescription.INTERNAL_ERROR, "Record sequence number wrapped");
        }
    }

    private int cryptArrays(byte[] input, int inputOffset, int length, ByteBuffer out, int outOffset)
            throws GeneralSecurityException {
        byte[] output = out.array();
        int outputOffset = out.arrayOffset() + outOffset;
        if (out.limit() - outOffset < cipher.getOutputSize(length)) {
            throw new javax.crypto.ShortBufferException("No room for " + cipher.getOutputSize(length) + " bytes");
        }
        byte[] aligned = ALIGNED.get();
        if (cipherMode == Cipher.DECRYPT_MODE && algorithm == AeadAlgorithm.CHACHA20_POLY1305 && inputOffset != 0
                && length <= aligned.length) {
            // JDK 17's ChaCha20-Poly1305 copies its input twice unless it starts at index 0 (≈36 KB per 16 KiB record).
            System.arraycopy(input, inputOffset, aligned, 0, length);
            return cipher.doFinal(aligned, 0, length, output, outputOffset);
        }
        return cipher.doFinal(input, inputOffset, length, output, outputOffset);
    }

    protected static void requireAtLeast(int length, int minimum) throws RecordException {
        if (length < minimum) {
            throw new RecordException(AlertDescription.DECODE_ERROR,
                    "Protected record of " + length + " bytes is too short to hold a tag");
        }
    }
}
