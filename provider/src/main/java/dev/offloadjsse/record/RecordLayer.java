package dev.offloadjsse.record;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import javax.net.ssl.SSLException;

/**
 * The record layer of an established connection (the "kernel" side of the offload): it seals
 * and opens records with the keys the handshake handed back, and handles what can still arrive
 * after the handshake — KeyUpdate in both directions, NewSessionTicket, close_notify and alerts.
 * It knows nothing of handshakes themselves. Not thread-safe: the engine serialises access.
 */
public final class RecordLayer {

    /** RFC 8446 §5.5 allows 2^24.5 AES-GCM records per key; we update the key well before that. */
    static final long KEY_UPDATE_AFTER_RECORDS = 1L << 24;
    private static final byte HANDSHAKE_NEW_SESSION_TICKET = 4;
    private static final byte HANDSHAKE_KEY_UPDATE = 24;

    private final boolean tls13;
    private final AeadAlgorithm algorithm;
    private final SessionTicketSink tickets;
    private RecordProtection reader;
    private RecordProtection writer;
    private TrafficKeys readKeys;
    private TrafficKeys writeKeys;
    private final ArrayDeque<OutboundMessage> control = new ArrayDeque<>(2);
    private final int maxPostHandshakeMessage;
    /** Made at the first post-handshake record: most connections never receive one. */
    private HandshakeReassembler postHandshake;
    private boolean keyUpdateScheduled;

    private RecordLayer(boolean tls13, AeadAlgorithm algorithm, RecordProtection reader, RecordProtection writer,
            TrafficKeys readKeys, TrafficKeys writeKeys, SessionTicketSink tickets, int maxPostHandshakeMessage) {
        this.tls13 = tls13;
        this.algorithm = algorithm;
        this.reader = reader;
        this.writer = writer;
        this.readKeys = readKeys;
        this.writeKeys = writeKeys;
        this.tickets = tickets;
        this.maxPostHandshakeMessage = maxPostHandshakeMessage;
    }

    /** TLS 1.3: both directions start at sequence 0 of their application traffic secret. */
    public static RecordLayer tls13(AeadAlgorithm algorithm, String hmac, byte[] readSecret, byte[] writeSecret,
            SessionTicketSink tickets, int maxPostHandshakeMessage) throws SSLException {
        TrafficKeys read = TrafficKeys.fromSecret(hmac, readSecret, algorithm);
        TrafficKeys write = TrafficKeys.fromSecret(hmac, writeSecret, algorithm);
        return new RecordLayer(true, algorithm, new Tls13Protection(algorithm, read, 0, false),
                new Tls13Protection(algorithm, write, 0, true), read, write, tickets, maxPostHandshakeMessage);
    }

    public static RecordLayer tls12(AeadAlgorithm algorithm, byte[] readKey, byte[] readIv, long readSequence,
            byte[] writeKey, byte[] writeIv, long writeSequence, int maxPostHandshakeMessage) throws SSLException {
        return new RecordLayer(false, algorithm, new Tls12Protection(algorithm, readKey, readIv, readSequence, false),
                new Tls12Protection(algorithm, writeKey, writeIv, writeSequence, true), null, null,
                SessionTicketSink.DISCARD, maxPostHandshakeMessage);
    }

    public boolean isTls13() {
        return tls13;
    }

    /** Room {@code open} needs in the output buffer for a record of this length. */
    public int plaintextRoomFor(int recordLength) {
        return reader.maxPlaintext(recordLength);
    }

    /** Record length for {@code plaintextLength} bytes of application data. */
    public int recordLengthFor(int plaintextLength) {
        return RecordFormat.HEADER_LENGTH + writer.overhead() + plaintextLength;
    }

    /** Offset from a record's start at which its plaintext must be placed before {@link #seal}. */
    public int plaintextStart() {
        return RecordFormat.HEADER_LENGTH + writer.plaintextOffset();
    }

    /**
     * Opens the record of {@code recordLength} bytes at {@code src}'s position. Application data
     * goes to {@code out} (which must have {@link #plaintextRoomFor} bytes of room); anything else
     * is handled here and leaves {@code out}'s position where it was. Advances {@code src} past
     * the record unless this throws; after an exception the connection must be failed.
     */
    public InboundRecord open(ByteBuffer src, int recordLength, ByteBuffer out) throws SSLException {
        if (tls13 && RecordFormat.contentType(src) == ContentType.CHANGE_CIPHER_SPEC) {
            throw new RecordException(AlertDescription.UNEXPECTED_MESSAGE,
                    "change_cipher_spec received after the TLS 1.3 handshake");
        }
        int outStart = out.position();
        int type = reader.open(src, recordLength, out);
        InboundRecord kind = type == ContentType.APPLICATION_DATA ? InboundRecord.APPLICATION_DATA
                : onControl(type, out.duplicate().limit(out.position()).position(outStart));
        if (kind != InboundRecord.APPLICATION_DATA) {
            out.position(outStart);
        }
        src.position(src.position() + recordLength);
        return kind;
    }

    private InboundRecord onControl(int type, ByteBuffer content) throws SSLException {
        switch (type) {
            case ContentType.ALERT:
                return onAlert(content);
            case ContentType.HANDSHAKE:
                onHandshake(content);
                return InboundRecord.POST_HANDSHAKE;
            default:
                throw new RecordException(AlertDescription.UNEXPECTED_MESSAGE,
                        "Unexpected " + ContentType.name(type) + " record after the handshake");
        }
    }

    /** True when a control message (KeyUpdate, alert) waits to be sealed by {@link #sealControl}. */
    public boolean hasControlToSend() {
        return !control.isEmpty();
    }

    /** Length of the record that {@link #sealControl} will produce next. */
    public int nextControlRecordLength() {
        return recordLengthFor(control.peek().body.length);
    }

    /** Seals the next queued control message into {@code dst} at its position; returns the bytes written. */
    public int sealControl(ByteBuffer dst) throws SSLException {
        OutboundMessage message = control.poll();
        int start = dst.position();
        dst.put(start + plaintextStart(), message.body);
        int length = writer.seal(message.contentType, dst, start, message.body.length);
        dst.position(start + length);
        if (message.rotatesWriteKey) {
            writeKeys = rotate(writeKeys);
            writer = new Tls13Protection(algorithm, writeKeys, 0, true);
            keyUpdateScheduled = false;
        }
        return length;
    }

    /**
     * Seals {@code length} bytes of plaintext that the caller has placed at
     * {@code dst.position() + plaintextStart()}; advances {@code dst} past the record.
     */
    public int seal(byte contentType, ByteBuffer dst, int length) throws SSLException {
        int start = dst.position();
        return sealed(dst, start, writer.seal(contentType, dst, start, length));
    }

    /**
     * Seals the {@code length} bytes at {@code src}'s position, which moves past them, into one
     * record at {@code dst}'s position; advances {@code dst} past the record. The plaintext goes
     * straight from {@code src} into the cipher (src and dst may share memory).
     */
    public int seal(byte contentType, ByteBuffer src, int length, ByteBuffer dst) throws SSLException {
        int start = dst.position();
        return sealed(dst, start, writer.seal(contentType, src, length, dst, start));
    }

    /** Moves {@code dst} past the application-data record just sealed; asks for a new key when this one is worn. */
    private int sealed(ByteBuffer dst, int start, int recordLength) {
        dst.position(start + recordLength);
        if (tls13 && writer.sequence() >= KEY_UPDATE_AFTER_RECORDS) {
            requestKeyUpdate(false);
        }
        return recordLength;
    }

    /** Queues a KeyUpdate (TLS 1.3 only); the write key changes once it is sealed. */
    public void requestKeyUpdate(boolean peerMustUpdate) {
        if (!tls13 || keyUpdateScheduled) {
            return;
        }
        keyUpdateScheduled = true;
        control.add(new OutboundMessage(ContentType.HANDSHAKE,
                new byte[] {HANDSHAKE_KEY_UPDATE, 0, 0, 1, (byte) (peerMustUpdate ? 1 : 0)}, true));
    }

    /** Queues an alert; a fatal one is the last record this layer should seal. */
    public void queueAlert(boolean fatal, int description) {
        control.add(new OutboundMessage(ContentType.ALERT, new byte[] {(byte) (fatal ? 2 : 1), (byte) description}, false));
    }

    /** Overwrites the keys this layer still holds. */
    public void destroy() {
        if (readKeys != null) {
            readKeys.destroy();
            writeKeys.destroy();
        }
    }

    private InboundRecord onAlert(ByteBuffer content) throws SSLException {
        if (content.remaining() != 2) {
            throw new RecordException(AlertDescription.DECODE_ERROR, "Alert record of " + content.remaining() + " bytes");
        }
        int level = content.get(content.position());
        int description = content.get(content.position() + 1) & 0xff;
        if (description == AlertDescription.CLOSE_NOTIFY) {
            return InboundRecord.CLOSE_NOTIFY;
        }
        if (level == 1 && (!tls13 || description == AlertDescription.USER_CANCELED)) {
            return InboundRecord.IGNORED_ALERT;
        }
        throw new PeerAlertException(description);
    }

    private void onHandshake(ByteBuffer content) throws SSLException {
        if (postHandshake == null) {
            postHandshake = new HandshakeReassembler(maxPostHandshakeMessage);
        }
        postHandshake.add(content);
        byte[] message;
        while ((message = postHandshake.next()) != null) {
            onPostHandshakeMessage(message);
        }
    }

    private void onPostHandshakeMessage(byte[] message) throws SSLException {
        byte type = message[0];
        if (tls13 && type == HANDSHAKE_KEY_UPDATE) {
            if (message.length != 5 || (message[4] != 0 && message[4] != 1)) {
                throw new RecordException(AlertDescription.DECODE_ERROR, "Malformed KeyUpdate message");
            }
            if (postHandshake.hasPartialMessage()) {
                throw new RecordException(AlertDescription.UNEXPECTED_MESSAGE,
                        "KeyUpdate not at a record boundary (RFC 8446 §5.1)");
            }
            readKeys = rotate(readKeys);
            reader = new Tls13Protection(algorithm, readKeys, 0, false);
            if (message[4] == 1) {
                requestKeyUpdate(false);
            }
        } else if (tls13 && type == HANDSHAKE_NEW_SESSION_TICKET) {
            tickets.accept(java.util.Arrays.copyOfRange(message, 4, message.length));
        } else {
            throw new RecordException(tls13 ? AlertDescription.UNEXPECTED_MESSAGE : AlertDescription.NO_RENEGOTIATION,
                    "Unexpected handshake message type " + (type & 0xff) + " after the handshake"
                            + (tls13 ? "" : " (renegotiation is not supported)"));
        }
    }

    private TrafficKeys rotate(TrafficKeys current) throws SSLException {
        TrafficKeys next = current.next(algorithm);
        current.destroy();
        return next;
    }

    private static final class OutboundMessage {
        final byte contentType;
        final byte[] body;
        final boolean rotatesWriteKey;

        OutboundMessage(byte contentType, byte[] body, boolean rotatesWriteKey) {
            this.contentType = contentType;
            this.body = body;
            this.rotatesWriteKey = rotatesWriteKey;
        }
    }
}
