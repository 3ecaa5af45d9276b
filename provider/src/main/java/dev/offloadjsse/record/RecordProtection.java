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
    private static final ThreadLocal<byte[]> ALIGNED = ThreadLocal.withInitial(() -> new byte[RecordFormat.MAX_PACKET]);

    /** Made at the first record: an idle connection holds no cipher. */
    private Cipher cipher;
    private final SecretKeySpec key;
    protected final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final int cipherMode;
    /** Sealing only, made with the cipher: the plaintext's last partial block and the trailer. */
    private byte[] tail;
    private ByteBuffer tailBuffer;
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
     * handle any other overlap within a single call ({@link #mayOverlap} excludes the rest).
     */
    protected final int encrypt(byte[] aad, ByteBuffer src, int srcOffset, int length, int trailer, ByteBuffer dst,
            int outOffset) throws SSLException {
        int sealed = length + (trailer < 0 ? 0 : 1) + AeadAlgorithm.TAG_LENGTH;
        if (dst.limit() - outOffset < sealed) {
            throw new RecordException(AlertDescription.INTERNAL_ERROR, "No room for a sealed record of " + sealed + " bytes");
        }
        try {
            start(aad);
            boolean arrays = src.hasArray() && dst.hasArray();
            if (trailer < 0) {
                return arrays
                        ? cipher.doFinal(src.array(), src.arrayOffset() + srcOffset, length, dst.array(),
                                dst.arrayOffset() + outOffset)
                        : cipher.doFinal(window(src, srcOffset, length), window(dst, outOffset, dst.limit() - outOffset));
            }
            // Whole blocks go straight from src; the rest and the trailer through a small array.
            // Without the split, the plaintext would have to be copied next to its trailer, and
            // the JDK's GCM would buffer a partial block of an update in a ByteArrayOutputStream.
            int body = length - length % AeadAlgorithm.BLOCK_LENGTH;
            int rest = length - body;
            src.get(srcOffset + body, tail, 0, rest);
            tail[rest] = (byte) trailer;
            if (arrays) {
                byte[] output = dst.array();
                int outputOffset = dst.arrayOffset() + outOffset;
                int written = body == 0 ? 0
                        : cipher.update(src.array(), src.arrayOffset() + srcOffset, body, output, outputOffset);
                return written + cipher.doFinal(tail, 0, rest + 1, output, outputOffset + written);
            }
            ByteBuffer output = window(dst, outOffset, dst.limit() - outOffset);
            int written = body == 0 ? 0 : cipher.update(window(src, srcOffset, body), output);
            return written + cipher.doFinal(tailBuffer.limit(rest + 1).position(0), output);
        } catch (GeneralSecurityException e) {
            throw new RecordException(AlertDescription.INTERNAL_ERROR, algorithm + " record protection failed", e);
        }
    }

    /**
     * Decrypts and authenticates {@code length} bytes of {@code in} at absolute {@code inOffset}
     * into {@code out} at absolute {@code outOffset} (up to its limit); returns the bytes written.
     * Array-backed buffers use the array form, which allocates least in the JDK's ciphers.
     */
    protected final int decrypt(byte[] aad, ByteBuffer in, int inOffset, int length, ByteBuffer out, int outOffset)
            throws SSLException {
        try {
            start(aad);
            if (out.limit() - outOffset < length - AeadAlgorithm.TAG_LENGTH) {
                throw new ShortBufferException("No room for " + (length - AeadAlgorithm.TAG_LENGTH) + " bytes");
            }
            if (in.hasArray() && out.hasArray()) {
                return decryptArrays(in.array(), in.arrayOffset() + inOffset, length, out.array(),
                        out.arrayOffset() + outOffset);
            }
            return cipher.doFinal(window(in, inOffset, length), window(out, outOffset, out.limit() - outOffset));
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
                tailBuffer = ByteBuffer.wrap(tail);
            }
        }
        cipher.init(cipherMode, key, algorithm.parameters(nonce));
        cipher.updateAAD(aad);
    }

    /** {@code length} bytes of {@code buffer} from absolute {@code offset}, without moving it. */
    private static ByteBuffer window(ByteBuffer buffer, int offset, int length) {
        ByteBuffer window = buffer.duplicate();
        window.limit(offset + length).position(offset);
        return window;
    }

    /**
     * True when the plaintext at {@code src} may share memory with the record at {@code start} in
     * {@code dst} in a way that sealing straight from {@code src} does not handle. Heap buffers
     * are compared by array and index (sealing exactly in place is fine). For two direct buffers
     * the JDK's AES-GCM detects an overlap by address and copies; its ChaCha20-Poly1305 does
     * not, and the addresses are not ours to see, so ChaCha20 copies the plaintext into the record
     * first. A read-only heap source would make the JDK's GCM copy the whole destination.
     */
    private boolean mayOverlap(ByteBuffer src, int in, int length, ByteBuffer dst, int start, int recordLength) {
        if (src.isDirect() != dst.isDirect()) {
            return false;
        }
        if (src.isDirect()) {
            return algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        }
        if (!src.hasArray()) {
            return true;
        }
        if (src.array() != dst.array()) {
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
            byte[] aligned = ALIGNED.get();
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
