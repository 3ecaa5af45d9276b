package dev.offloadjsse.handshake.crypto;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * One HMAC per hash algorithm and thread, lent to one secret at a time for its HKDF, PRF or
 * Finished MAC. Bouncy Castle makes a new HMAC and digest for every one of these (about 1 KiB
 * each, some twenty per TLS 1.3 handshake side). A returned HMAC is re-keyed with the empty key
 * first, so that no cached object holds anything derived from a secret: its pads are then the
 * constants of RFC 2104 and its digest has hashed only the constant inner pad.
 */
final class ThreadHmacs {

    private static final KeyParameter NO_KEY = new KeyParameter(new byte[0]);
    /** Indexed by {@code CryptoHashAlgorithm}, whose values are small. */
    private static final int SLOTS = 16;

    private final IntFunction<Digest> digests;
    private final ThreadLocal<PerThread> cache = ThreadLocal.withInitial(PerThread::new);

    /** @param digests makes a digest for a {@code CryptoHashAlgorithm} */
    ThreadHmacs(IntFunction<Digest> digests) {
        this.digests = digests;
    }

    /**
     * This thread's HMAC for {@code cryptoHashAlgorithm}, keyed with {@code key[offset..offset+length)};
     * give it back with {@link #release}. Taken out of the cache while lent, so a nested use on
     * the same thread gets a new one instead of sharing it.
     */
    HMac take(int cryptoHashAlgorithm, byte[] key, int offset, int length) {
        PerThread perThread = cache.get();
        HMac hmac = null;
        if (cryptoHashAlgorithm >= 0 && cryptoHashAlgorithm < SLOTS) {
            hmac = perThread.hmacs[cryptoHashAlgorithm];
            perThread.hmacs[cryptoHashAlgorithm] = null;
        }
        if (hmac == null) {
            hmac = new HMac(digests.apply(cryptoHashAlgorithm));
        }
        if (offset == 0 && length == key.length) {
            // HMac.init copies the key into its pads at once; the view forgets it right after.
            perThread.key.bytes = key;
            try {
                hmac.init(perThread.key);
            } finally {
                perThread.key.bytes = null;
            }
        } else {
            KeyParameter keyParameter = new KeyParameter(key, offset, length);
            hmac.init(keyParameter);
            Arrays.fill(keyParameter.getKey(), (byte) 0); // the copy KeyParameter made; HMac keeps its own pads
        }
        return hmac;
    }

    /** Clears {@code hmac}'s key and keeps it for this thread's next {@link #take}. */
    void release(int cryptoHashAlgorithm, HMac hmac) {
        hmac.init(NO_KEY);
        if (cryptoHashAlgorithm >= 0 && cryptoHashAlgorithm < SLOTS) {
            cache.get().hmacs[cryptoHashAlgorithm] = hmac;
        }
    }

    private static final class PerThread {
        final HMac[] hmacs = new HMac[SLOTS];
        final KeyView key = new KeyView();
    }

    /**
     * A {@link KeyParameter} over a caller's array, without the copy that KeyParameter makes
     * (and that nobody zeroes); it holds the array only during {@code HMac.init}.
     */
    private static final class KeyView extends KeyParameter {

        byte[] bytes;

        KeyView() {
            super(new byte[0]);
        }

        @Override
        public byte[] getKey() {
            return bytes;
        }

        @Override
        public int getKeyLength() {
            return bytes.length;
        }

        @Override
        public void copyTo(byte[] buf, int off, int len) {
            if (len != bytes.length) {
                throw new IllegalArgumentException("len");
            }
            System.arraycopy(bytes, 0, buf, off, len);
        }

        @Override
        public KeyParameter reverse() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String toString() {
            return "KeyView"; // never the bytes
        }
    }
}
