package dev.offloadjsse.handshake.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoUtils;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.AbstractTlsSecret;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsSecret;

/**
 * Bouncy Castle's secret, with its HMACs (HKDF-Extract and -Expand of RFC 5869, the TLS 1.2 PRF
 * of RFC 5246 §5, the TLS 1.3 Finished MAC) taken from {@link ThreadHmacs} rather than made new
 * for each: that was about 1 KiB of heap per derivation. The secrets it derives are again of
 * this class, so the whole key schedule stays on it. Values, erasure and life cycle are Bouncy
 * Castle's ({@code extract} hands the bytes over, {@code destroy} zeroes them), except that
 * HKDF-Extract also zeroes the salt it consumes, which Bouncy Castle only drops.
 */
final class HybridTlsSecret extends BcTlsSecret {

    private final ThreadHmacs hmacs;

    /** Takes ownership of {@code data}; made by {@link HybridTlsCrypto#adopt}. */
    HybridTlsSecret(HybridTlsCrypto crypto, ThreadHmacs hmacs, byte[] data) {
        super(crypto, data);
        this.hmacs = hmacs;
    }

    /** A copy of the bytes of any Bouncy Castle secret, which stays alive. */
    static byte[] copyOf(TlsSecret secret) {
        if (secret instanceof AbstractTlsSecret) {
            return copyData((AbstractTlsSecret) secret);
        }
        throw new IllegalArgumentException("Cannot copy a " + secret.getClass().getName());
    }

    @Override
    public synchronized TlsSecret deriveUsingPRF(int prfAlgorithm, String label, byte[] seed, int length) {
        if (prfAlgorithm == PRFAlgorithm.tls13_hkdf_sha256 || prfAlgorithm == PRFAlgorithm.tls13_hkdf_sha384
                || prfAlgorithm == PRFAlgorithm.tls13_hkdf_sm3) {
            return super.deriveUsingPRF(prfAlgorithm, label, seed, length); // HKDF-Expand-Label: our hkdfExpand
        }
        checkAlive();
        return adopt(prf(prfAlgorithm, label, seed, length)); // our hmacHash
    }

    @Override
    public synchronized TlsSecret hkdfExpand(int cryptoHashAlgorithm, byte[] info, int length) {
        if (length < 1) {
            return adopt(TlsUtils.EMPTY_BYTES);
        }
        int hashLength = TlsCryptoUtils.getHashOutputSize(cryptoHashAlgorithm);
        if (length > 255 * hashLength) {
            throw new IllegalArgumentException("'length' must be <= 255 * (output size of 'hashAlgorithm')");
        }
        checkAlive();
        byte[] okm = new byte[length];
        byte[] t = new byte[hashLength];
        HMac hmac = hmacs.take(cryptoHashAlgorithm, data, 0, data.length);
        try {
            // RFC 5869 §2.3: T(i) = HMAC(PRK, T(i-1) | info | i), T(0) empty
            for (int counter = 1, position = 0; ; counter++) {
                hmac.update(info, 0, info.length);
                hmac.update((byte) counter);
                hmac.doFinal(t, 0);
                int chunk = Math.min(hashLength, length - position);
                System.arraycopy(t, 0, okm, position, chunk);
                position += chunk;
                if (position == length) {
                    break;
                }
                hmac.update(t, 0, t.length);
            }
        } finally {
            hmacs.release(cryptoHashAlgorithm, hmac);
            Arrays.fill(t, (byte) 0);
        }
        return adopt(okm);
    }

    @Override
    public synchronized TlsSecret hkdfExtract(int cryptoHashAlgorithm, TlsSecret ikm) {
        checkAlive();
        byte[] salt = data;
        this.data = null;
        byte[] ikmCopy = null;
        HMac hmac = hmacs.take(cryptoHashAlgorithm, salt, 0, salt.length);
        try {
            // The input keying material stays alive: the key schedule passes its zeros secret more than once.
            if (!(ikm instanceof HybridTlsSecret)) {
                ikmCopy = copyOf(ikm);
                if (ikmCopy == null) {
                    throw new IllegalStateException("Secret has already been extracted or destroyed");
                }
            }
            // RFC 5869 §2.2: PRK = HMAC(salt, IKM)
            if (ikmCopy != null) {
                hmac.update(ikmCopy, 0, ikmCopy.length);
            } else {
                ((HybridTlsSecret) ikm).updateMac(hmac);
            }
            byte[] prk = new byte[hmac.getMacSize()];
            hmac.doFinal(prk, 0);
            return adopt(prk);
        } finally {
            hmacs.release(cryptoHashAlgorithm, hmac);
            Arrays.fill(salt, (byte) 0);
            if (ikmCopy != null) {
                Arrays.fill(ikmCopy, (byte) 0);
            }
        }
    }

    @Override
    public synchronized byte[] calculateHMAC(int cryptoHashAlgorithm, byte[] buf, int off, int len) {
        checkAlive();
        HMac hmac = hmacs.take(cryptoHashAlgorithm, data, 0, data.length);
        try {
            hmac.update(buf, off, len);
            byte[] mac = new byte[hmac.getMacSize()];
            hmac.doFinal(mac, 0);
            return mac;
        } finally {
            hmacs.release(cryptoHashAlgorithm, hmac);
        }
    }

    /** P_hash of RFC 5246 §5 (and, with MD5 and SHA-1, of RFC 2246 §5). */
    @Override
    protected void hmacHash(int cryptoHashAlgorithm, byte[] secret, int secretOff, int secretLen, byte[] seed,
            byte[] output) {
        HMac hmac = hmacs.take(cryptoHashAlgorithm, secret, secretOff, secretLen);
        int macSize = hmac.getMacSize();
        byte[] a = new byte[macSize];
        byte[] block = new byte[macSize];
        try {
            // A(1) = HMAC(secret, seed); output block i = HMAC(secret, A(i) | seed); A(i+1) = HMAC(secret, A(i))
            hmac.update(seed, 0, seed.length);
            hmac.doFinal(a, 0);
            for (int position = 0; ; ) {
                hmac.update(a, 0, a.length);
                hmac.update(seed, 0, seed.length);
                hmac.doFinal(block, 0);
                System.arraycopy(block, 0, output, position, Math.min(macSize, output.length - position));
                position += macSize;
                if (position >= output.length) {
                    break;
                }
                hmac.update(a, 0, a.length);
                hmac.doFinal(a, 0);
            }
        } finally {
            hmacs.release(cryptoHashAlgorithm, hmac);
            Arrays.fill(a, (byte) 0);
            Arrays.fill(block, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "HybridTlsSecret"; // never the bytes
    }

    private TlsSecret adopt(byte[] bytes) {
        return ((HybridTlsCrypto) crypto).adopt(bytes);
    }
}
