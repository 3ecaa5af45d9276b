package dev.offloadjsse.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Application data of a known size: lines of digits (no letter that openssl, gnutls or NSS read
 * as a command on standard input) ending with {@link #MARKER}, which also ends an HTTP header
 * block so that HTTP peers (curl, NSS {@code selfserv}) read it as a request.
 */
final class Payload {

    static final String MARKER = "END\r\n\r\n";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);

    private final String label;
    private final byte[] bytes;

    private Payload(String label, byte[] bytes) {
        this.label = label;
        this.bytes = bytes;
    }

    /** {@code size} bytes including the marker; {@code seed} makes the two directions differ. */
    static Payload of(String seed, int size) {
        StringBuilder text = new StringBuilder(size);
        long line = Math.abs(seed.hashCode()) % 1000;
        while (text.length() < size - MARKER.length()) {
            text.append(String.format("%015d\n", line++ * 7919));
        }
        text.setLength(size - MARKER.length());
        text.append(MARKER);
        return new Payload(seed + " data (" + size + " bytes)", text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes before {@code index}, and from it on: to send something in between. */
    byte[] head(int index) {
        return Arrays.copyOfRange(bytes, 0, index);
    }

    byte[] tail(int index) {
        return Arrays.copyOfRange(bytes, index, bytes.length);
    }

    int length() {
        return bytes.length;
    }

    /** Fails unless {@code received} holds this payload whole (a tool may add its own text around it). */
    void requireIn(String received, String where) {
        String expected = new String(bytes, StandardCharsets.US_ASCII);
        if (!received.contains(expected)) {
            throw new AssertionError(where + " did not get the " + label + ": received " + received.length()
                    + " bytes" + (received.length() < 300 ? ": " + received : ", ending with: "
                    + received.substring(received.length() - 200)));
        }
    }

    /** Reads up to and including the first marker. */
    static String readThroughMarker(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[16384];
        int matched = 0;
        while (true) {
            int count = in.read(chunk);
            if (count < 0) {
                throw new IOException("stream ended after " + received.size() + " bytes, before the end marker");
            }
            received.write(chunk, 0, count);
            for (int i = 0; i < count; i++) {
                matched = chunk[i] == MARKER_BYTES[matched] ? matched + 1 : (chunk[i] == MARKER_BYTES[0] ? 1 : 0);
                if (matched == MARKER_BYTES.length) {
                    return received.toString(StandardCharsets.ISO_8859_1);
                }
            }
        }
    }
}
