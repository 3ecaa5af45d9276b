package dev.offloadjsse.handshake;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The key material of one direction of the record layer. TLS 1.3: the application traffic
 * secret (key and IV are derived from it, and KeyUpdate needs it). TLS 1.2: key and IV from the
 * key block. {@code sequence} is the next record's sequence number.
 */
public record DirectionKeys(byte[] trafficSecret, byte[] key, byte[] iv, long sequence) implements Serializable {

    public static DirectionKeys tls13(byte[] trafficSecret) {
        return new DirectionKeys(trafficSecret, null, null, 0);
    }

    public static DirectionKeys tls12(byte[] key, byte[] iv, long sequence) {
        return new DirectionKeys(null, key, iv, sequence);
    }

    public void destroy() {
        for (byte[] secret : new byte[][] {trafficSecret, key, iv}) {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "DirectionKeys[sequence=" + sequence + ", secrets hidden]";
    }
}
