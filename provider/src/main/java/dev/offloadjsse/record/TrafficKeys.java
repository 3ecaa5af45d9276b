package dev.offloadjsse.record;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;

/**
 * A TLS 1.3 traffic secret and the write key and IV derived from it (RFC 8446 §7.3), plus the
 * next generation after a KeyUpdate. HKDF-Expand-Label runs on the JDK's HMAC.
 */
public final class TrafficKeys {

    /** The key a cached {@link Mac} holds between uses: a constant, not a secret. */
    private static final byte[] BLANK_KEY = {0};
    /** Per thread, by algorithm: the Macs between uses, each keyed with {@link #BLANK_KEY}. */
    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(() -> new HashMap<>(4));

    private final String hmac;
    private final byte[] secret;
    private final byte[] key;
    private final byte[] iv;

    private TrafficKeys(String hmac, byte[] secret, byte[] key, byte[] iv) {
        this.hmac = hmac;
        this.secret = secret;
        this.key = key;
        this.iv = iv;
    }

    /** @param hmac {@code HmacSHA256} or {@code HmacSHA384}: the suite's hash */
    public static TrafficKeys fromSecret(String hmac, byte[] secret, AeadAlgorithm algorithm) throws SSLException {
        byte[] copy = secret.clone();
        Mac mac = keyedMac(hmac, copy);
        try {
            return new TrafficKeys(hmac, copy, expandLabel(mac, "key", algorithm.keyLength()),
                    expandLabel(mac, "iv", AeadAlgorithm.NONCE_LENGTH));
        } finally {
            release(hmac, mac);
        }
    }

    /** RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length). */
    public TrafficKeys next(AeadAlgorithm algorithm) throws SSLException {
        Mac mac = keyedMac(hmac, secret);
        byte[] nextSecret;
        try {
            nextSecret = expandLabel(mac, "traffic upd", secret.length);
        } finally {
            release(hmac, mac);
        }
        try {
            return fromSecret(hmac, nextSecret, algorithm);
        } finally {
            Arrays.fill(nextSecret, (byte) 0);
        }
    }

    byte[] key() {
        return key;
    }

    byte[] iv() {
        return iv;
    }

    /** Overwrites the secret, key and IV; a destroyed instance must not be used again. */
    public void destroy() {
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(key, (byte) 0);
        Arrays.fill(iv, (byte) 0);
    }

    @Override
    public String toString() {
        return "TrafficKeys[" + hmac + ", secret hidden]";
    }

    /**
     * This thread's {@link Mac} for {@code hmac}, keyed with {@code secret}, for every label of
     * the secret ({@code doFinal} leaves it keyed); give it back with {@link #release}. Making
     * one costs about 1 KiB of heap, and every handshake derives two secrets' keys. Taken out
     * of the cache while lent, so that a nested use makes its own.
     */
    private static Mac keyedMac(String hmac, byte[] secret) throws SSLException {
        try {
            Mac mac = MACS.get().remove(hmac);
            if (mac == null) {
                mac = Mac.getInstance(hmac);
            }
            mac.init(new SecretKeySpec(secret, hmac));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new SSLException("HKDF with " + hmac + " is not available", e);
        }
    }

    /**
     * Re-keys {@code mac} with a constant one-byte key, which overwrites the pads derived from
     * the secret, and keeps it for this thread; a Mac that refuses is dropped instead.
     */
    private static void release(String hmac, Mac mac) {
        try {
            mac.init(new SecretKeySpec(BLANK_KEY, hmac));
            MACS.get().put(hmac, mac);
        } catch (GeneralSecurityException | RuntimeException e) {
            // not cached: it goes with its state to the garbage collector, as before
        }
    }

    /** HKDF-Expand-Label with an empty context, on {@code mac} keyed with the secret. */
    private static byte[] expandLabel(Mac mac, String label, int length) {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + fullLabel.length + 1];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) fullLabel.length;
        System.arraycopy(fullLabel, 0, info, 3, fullLabel.length);
        info[info.length - 1] = 0;
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            block = mac.doFinal();
            int n = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, n);
            written += n;
        }
        return out;
    }
}
