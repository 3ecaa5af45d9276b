package dev.offloadjsse.record;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;

/**
 * AEAD protection of the records of one direction: the key, the nonce base and the sequence
 * number. Subclasses supply what TLS 1.3 and TLS 1.2 do differently (nonce, additional data,
 * inner content type).
 */
public abstract class RecordProtection {

    protected final AeadAlgorithm algorithm;
    /**
     * Per thread: the JDK 17 AEADs are about 30 % faster on arrays than on direct ByteBuffers
     * (measured: 16 KiB AES-GCM seal + open, copies included), so direct and read-only buffers
     * are copied through these; the input array also starts ChaCha20's input at index 0.
     */
    private static final ThreadLocal<Staging> STAGING = ThreadLocal.withInitial(Staging::new);

    /** Made at the first record: an idle connection holds no cipher. */
    private Cipher cipher;
    private final SecretKeySpec key;
    protected final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final int cipherMode;
    /** Sealing only, made with the cipher: the plaintext's last partial block and the trailer. */
    private byte[] tail;
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
    public final int seal(byte contentType, ByteBuffer dst, int start, int length) throws SSLException {
        return seal(contentType, dst, start + RecordFormat.HEADER_LENGTH + plaintextOffset(), length, dst, start);
    }

    /**
     * Seals the {@code length} bytes at {@code src}'s position, which moves past them, into one
     * record beginning at {@code start} in {@code dst}, and returns the record's length. The
     * plaintext is encrypted straight from {@code src}: it is first copied into the record only
     * when the two may share memory in a way the JDK's cipher does not handle (see
     * {@link #mayOverlap}). {@code dst} must have room for the record; its position is not moved.
     */
    public final int seal(byte contentType, ByteBuffer src, int length, ByteBuffer dst, int start) throws SSLException {
        int in = src.position();
        int recordLength = RecordFormat.HEADER_LENGTH + overhead() + length;
        int written;
        if (mayOverlap(src, in, length, dst, start, recordLength)) {
            int payload = start + RecordFormat.HEADER_LENGTH + plaintextOffset();
            dst.put(payload, src, in, length);
            written = seal(contentType, dst, payload, length, dst, start);
        } else {
            written = seal(contentType, src, in, length, dst, start);
        }
        src.position(in + length);
        return written;
    }

    /**
     * Seals {@code length} bytes of {@code src} at absolute {@code srcOffset} into the record at
     * {@code start} in {@code dst}; moves neither buffer. Implementations must read all of the
     * plaintext (through {@link #encrypt}) before they write the header or anything else of the
     * record, since the plaintext may lie inside it (sealing in place).
     */
    protected abstract int seal(byte contentType, ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int start)
            throws SSLException;

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
     * Encrypts {@code length} bytes of {@code src} at absolute {@code srcOffset}, followed by
     * {@code trailer} unless it is negative (TLS 1.3's inner content type), into {@code dst} at
     * absolute {@code outOffset}; returns the bytes written, tag included. The plaintext is read
     * before anything of it is written over, so that it may be sealed in place; the JDK's ciphers
     * handle any other overlap of two arrays within a single call ({@link #mayOverlap} excludes
     * the rest). Buffers without an accessible array are staged through this thread's arrays.
     */
    protected final int encrypt(byte[] aad, ByteBuffer src, int srcOffset, int length, int trailer, ByteBuffer dst,
            int outOffset) throws SSLException {
        int sealed = length + (trailer < 0 ? 0 : 1) + AeadAlgorithm.TAG_LENGTH;
        if (dst.limit() - outOffset < sealed) {
            throw new RecordException(AlertDescription.INTERNAL_ERROR, "No room for a sealed record of " + sealed + " bytes");
        }
        try {
            start(aad);
            Staging staging = src.hasArray() && dst.hasArray() ? null : STAGING.get();
            byte[] input;
            int inputOffset;
            if (src.hasArray()) {
                input = src.array();
                inputOffset = src.arrayOffset() + srcOffset;
            } else {
                input = staging.input;
                inputOffset = 0;
                src.get(srcOffset, input, 0, length);
            }
            byte[] output = dst.hasArray() ? dst.array() : staging.output;
            int outputOffset = dst.hasArray() ? dst.arrayOffset() + outOffset : 0;
            int written;
            if (trailer < 0) {
                written = cipher.doFinal(input, inputOffset, length, output, outputOffset);
            } else {
                // Whole blocks go straight from the input; the rest and the trailer through a small
                // array. Without the split, the plaintext would have to be copied next to its
                // trailer, and the JDK's GCM would buffer a partial block of an update.
                int body = length - length % AeadAlgorithm.BLOCK_LENGTH;
                int rest = length - body;
                System.arraycopy(input, inputOffset + body, tail, 0, rest);
                tail[rest] = (byte) trailer;
                written = body == 0 ? 0 : cipher.update(input, inputOffset, body, output, outputOffset);
                written += cipher.doFinal(tail, 0, rest + 1, output, outputOffset + written);
            }
            if (!dst.hasArray()) {
                dst.put(outOffset, output, 0, written);
            }
            return written;
        } catch (GeneralSecurityException e) {
            throw new RecordException(AlertDescription.INTERNAL_ERROR, algorithm + " record protection failed", e);
        }
    }

    /**
     * Decrypts and authenticates {@code length} bytes of {@code in} at absolute {@code inOffset}
     * into {@code out} at absolute {@code outOffset} (up to its limit); returns the bytes written.
     * Always on arrays, which allocate least in the JDK's ciphers and run fastest: buffers
     * without an accessible array are staged through this thread's arrays.
     */
    protected final int decrypt(byte[] aad, ByteBuffer in, int inOffset, int length, ByteBuffer out, int outOffset)
            throws SSLException {
        try {
            start(aad);
            int opened = length - AeadAlgorithm.TAG_LENGTH;
            if (out.limit() - outOffset < opened) {
                throw new ShortBufferException("No room for " + opened + " bytes");
            }
            Staging staging = in.hasArray() && out.hasArray() ? null : STAGING.get();
            byte[] output = out.hasArray() ? out.array() : staging.output;
            int outputOffset = out.hasArray() ? out.arrayOffset() + outOffset : 0;
            int written;
            if (in.hasArray()) {
                written = decryptArrays(in.array(), in.arrayOffset() + inOffset, length, output, outputOffset);
            } else {
                in.get(inOffset, staging.input, 0, length);
                written = cipher.doFinal(staging.input, 0, length, output, outputOffset);
            }
            if (!out.hasArray()) {
                out.put(outOffset, output, 0, written);
            }
            return written;
        } catch (AEADBadTagException e) {
            throw new RecordException(AlertDescription.BAD_RECORD_MAC,
                    "Record " + sequence + " failed authentication: the peer's record was altered or keys differ", e);
        } catch (GeneralSecurityException e) {
            throw new RecordException(AlertDescription.INTERNAL_ERROR, algorithm + " record protection failed", e);
        }
    }

    /** The cipher initialised for the current nonce, with {@code aad} given. */
    private void start(byte[] aad) throws GeneralSecurityException {
        if (cipher == null) {
            cipher = algorithm.newCipher();
            if (cipherMode == Cipher.ENCRYPT_MODE) {
                tail = new byte[AeadAlgorithm.BLOCK_LENGTH + 1];
            }
        }
        cipher.init(cipherMode, key, algorithm.parameters(nonce));
        cipher.updateAAD(aad);
    }

    /**
     * True when the plaintext at {@code src} shares an array with the record at {@code start} in
     * {@code dst} and overlaps it without being exactly in place: the JDK's AES-GCM would then
     * copy the whole destination array, and its ChaCha20-Poly1305 is not documented to handle
     * it. Buffers without an accessible array (direct, read-only) are staged through arrays of
     * their own and never overlap.
     */
    private boolean mayOverlap(ByteBuffer src, int in, int length, ByteBuffer dst, int start, int recordLength) {
        if (!src.hasArray() || !dst.hasArray() || src.array() != dst.array()) {
            return false;
        }
        int from = src.arrayOffset() + in;
        int recordFrom = dst.arrayOffset() + start;
        if (from == recordFrom + RecordFormat.HEADER_LENGTH + plaintextOffset()) {
            return false;
        }
        return from < recordFrom + recordLength && recordFrom < from + length;
    }

    protected final void advance() throws SSLException {
        if (++sequence == 0) {
            throw new RecordException(AlertDescription.INTERNAL_ERROR, "Record sequence number wrapped");
        }
    }

    private int decryptArrays(byte[] input, int inputOffset, int length, byte[] output, int outputOffset)
            throws GeneralSecurityException {
        if (algorithm == AeadAlgorithm.CHACHA20_POLY1305 && inputOffset != 0 && length <= RecordFormat.MAX_PACKET) {
            // JDK 17's ChaCha20-Poly1305 copies its input twice unless it starts at index 0 (≈36 KB per 16 KiB record).
            byte[] aligned = STAGING.get().input;
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

    private static final class Staging {
        /** Every record's plaintext or protected fragment fits: RFC 8446 §5.2 and RFC 5246 §6.2.3 with AEAD. */
        final byte[] input = new byte[RecordFormat.MAX_PACKET];
        final byte[] output = new byte[RecordFormat.MAX_PACKET];
    }
}
