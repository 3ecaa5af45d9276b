package dev.offloadjsse.fuzz;

import static dev.offloadjsse.fuzz.EngineDriver.check;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.offloadjsse.OffloadLimits;
import dev.offloadjsse.record.AeadAlgorithm;
import dev.offloadjsse.record.InboundRecord;
import dev.offloadjsse.record.RecordFormat;
import dev.offloadjsse.record.RecordLayer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLProtocolException;

/**
 * Record decryption under real keys. A sending and a receiving {@link RecordLayer} share traffic
 * keys; the sender seals records the fuzzer chooses (any content type, any plaintext, padding,
 * oversize, KeyUpdate both ways) and the fuzzer then mutates them or replaces them with random
 * ciphertext. Oracles: an unaltered application record opens to its plaintext (RFC 8446 §5.2,
 * RFC 5246 §6.2.3.3); an altered one never opens (AEAD integrity: the only bytes outside the
 * authentication are the TLS 1.2 header's minor version, which RFC 5246's AAD takes from the
 * connection, not the wire); every rejection is an SSLException, never a RuntimeException.
 */
class RecordDecryptionFuzzTest {

    private static final int MAX_POST_HANDSHAKE = OffloadLimits.DEFAULT.maxPostHandshakeMessageSize();
    private static final byte[] SECRET_A = filled(48, 0x11);
    private static final byte[] SECRET_B = filled(48, 0x22);

    private enum Suite {
        TLS13_AES_128(true, AeadAlgorithm.AES_128_GCM, "HmacSHA256"),
        TLS13_AES_256(true, AeadAlgorithm.AES_256_GCM, "HmacSHA384"),
        TLS13_CHACHA(true, AeadAlgorithm.CHACHA20_POLY1305, "HmacSHA256"),
        TLS12_AES_128(false, AeadAlgorithm.AES_128_GCM, null),
        TLS12_AES_256(false, AeadAlgorithm.AES_256_GCM, null),
        TLS12_CHACHA(false, AeadAlgorithm.CHACHA20_POLY1305, null);

        final boolean tls13;
        final AeadAlgorithm aead;
        final String hmac;

        Suite(boolean tls13, AeadAlgorithm aead, String hmac) {
            this.tls13 = tls13;
            this.aead = aead;
            this.hmac = hmac;
        }
    }

    @FuzzTest(maxDuration = "60s")
    void openRejectsEveryAlteredRecord(FuzzedDataProvider data) throws SSLException {
        Suite suite = data.pickValue(Suite.values());
        long sequence = suite.tls13 ? 0 : data.pickValue(new long[] {0, 1, 1L << 32, -3});
        RecordLayer sender = layer(suite, SECRET_B, SECRET_A, sequence);
        RecordLayer receiver = layer(suite, SECRET_A, SECRET_B, sequence);
        for (int op = 0; op < 16 && data.remainingBytes() > 0; op++) {
            byte[] plaintext = null;
            byte[] record;
            try {
                int choice = data.consumeInt(0, 3);
                if (choice == 0) {
                    plaintext = data.consumeBytes(data.consumeInt(0, RecordFormat.MAX_PLAINTEXT));
                    record = seal(sender, (byte) 23, plaintext);
                } else if (choice == 1) {
                    // Any type and content: type 0 with trailing zeros is TLS 1.3 padding; oversize is record_overflow.
                    byte type = data.consumeByte();
                    byte[] content = data.consumeBytes(data.consumeInt(0, 600));
                    int length = data.consumeInt(content.length, RecordFormat.MAX_PLAINTEXT + 300);
                    record = seal(sender, type, Arrays.copyOf(content, length));
                } else if (choice == 2 && sender.isTls13()) {
                    sender.requestKeyUpdate(data.consumeBoolean());
                    record = sealControl(sender);
                } else {
                    int length = data.consumeInt(0, RecordFormat.MAX_CIPHERTEXT);
                    record = ByteBuffer.allocate(5 + length).put(data.pickValue(new byte[] {20, 21, 22, 23}))
                            .put((byte) 3).put((byte) 3).putShort((short) length).put(data.consumeBytes(length)).array();
                }
            } catch (SSLException senderRefused) {
                return; // the sender may refuse, as when a TLS 1.2 sequence number would wrap
            }
            byte[] delivered = data.consumeBoolean() ? Mutator.mutate(record, data, 4) : record;
            if (!deliver(suite, receiver, sender, record, delivered, plaintext, data.consumeBoolean())) {
                return;
            }
        }
    }

    /** Opens the first record of {@code delivered}; false once the receiver has failed (it is dead then). */
    private static boolean deliver(Suite suite, RecordLayer receiver, RecordLayer sender, byte[] original,
            byte[] delivered, byte[] plaintext, boolean direct) throws SSLException {
        // Heap buffers take the JDK's array path, direct ones its ByteBuffer path.
        ByteBuffer src = direct ? ByteBuffer.allocateDirect(delivered.length).put(delivered).flip() : ByteBuffer.wrap(delivered);
        int length;
        try {
            length = RecordFormat.peekRecordLength(src);
        } catch (SSLProtocolException rejected) {
            return false;
        }
        if (length < 0 || length > delivered.length) {
            return true; // incomplete: the engine would wait for more bytes
        }
        int room = Math.max(0, receiver.plaintextRoomFor(length));
        ByteBuffer out = direct ? ByteBuffer.allocateDirect(room) : ByteBuffer.allocate(room);
        InboundRecord kind;
        try {
            kind = receiver.open(src, length, out);
        } catch (SSLException rejected) {
            return false;
        }
        check(src.position() == length, "open did not advance past the record");
        boolean altered = !authenticatedBytesEqual(suite, original, delivered, length);
        check(!altered, "an altered " + suite + " record opened as " + kind + ": forgery accepted");
        if (plaintext != null) {
            check(kind == InboundRecord.APPLICATION_DATA, "application data opened as " + kind);
            byte[] opened = new byte[out.position()];
            out.flip().get(opened);
            check(Arrays.equals(opened, plaintext), "plaintext differs after open");
        }
        if (receiver.hasControlToSend()) {
            // A KeyUpdate with update_requested: the receiver answers, and the sender must accept it.
            byte[] answer = sealControl(receiver);
            ByteBuffer back = ByteBuffer.allocate(sender.plaintextRoomFor(answer.length));
            InboundRecord answered = sender.open(ByteBuffer.wrap(answer), answer.length, back);
            check(answered == InboundRecord.POST_HANDSHAKE, "the KeyUpdate answer opened as " + answered);
        }
        return kind != InboundRecord.CLOSE_NOTIFY;
    }

    private static boolean authenticatedBytesEqual(Suite suite, byte[] original, byte[] delivered, int length) {
        if (length != original.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (original[i] != delivered[i] && (suite.tls13 || i != 2)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] seal(RecordLayer layer, byte type, byte[] plaintext) throws SSLException {
        ByteBuffer dst = ByteBuffer.allocate(layer.recordLengthFor(plaintext.length));
        dst.put(layer.plaintextStart(), plaintext);
        int length = layer.seal(type, dst, plaintext.length);
        return Arrays.copyOf(dst.array(), length);
    }

    private static byte[] sealControl(RecordLayer layer) throws SSLException {
        ByteBuffer dst = ByteBuffer.allocate(layer.nextControlRecordLength());
        int length = layer.sealControl(dst);
        return Arrays.copyOf(dst.array(), length);
    }

    private static RecordLayer layer(Suite suite, byte[] readSecret, byte[] writeSecret, long sequence)
            throws SSLException {
        if (suite.tls13) {
            int hashLength = suite.hmac.equals("HmacSHA384") ? 48 : 32;
            return RecordLayer.tls13(suite.aead, suite.hmac, Arrays.copyOf(readSecret, hashLength),
                    Arrays.copyOf(writeSecret, hashLength), ticket -> { }, MAX_POST_HANDSHAKE);
        }
        int keyLength = suite.aead.keyLength();
        int ivLength = suite.aead.tls12FixedIvLength();
        return RecordLayer.tls12(suite.aead, Arrays.copyOf(readSecret, keyLength), Arrays.copyOfRange(readSecret, 32, 32 + ivLength),
                sequence, Arrays.copyOf(writeSecret, keyLength), Arrays.copyOfRange(writeSecret, 32, 32 + ivLength), sequence,
                MAX_POST_HANDSHAKE);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (value + i);
        }
        return bytes;
    }
}
