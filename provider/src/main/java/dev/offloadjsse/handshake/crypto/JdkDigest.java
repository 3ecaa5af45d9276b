package dev.offloadjsse.handshake.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import org.bouncycastle.crypto.ExtendedDigest;

/**
 * A Bouncy Castle {@link ExtendedDigest} on a JDK {@link MessageDigest}, so that the handshake's
 * transcript hash, HMAC, HKDF and PRF run on the JDK's SHA-2, which HotSpot compiles to the
 * CPU's SHA instructions (about 10× faster than Bouncy Castle's Java SHA-256 on 2 KiB here).
 * Deliberately not {@code Memoable}: Bouncy Castle's {@code HMac} would then clone the JDK digest
 * (about 600 bytes) twice per key and twice per MAC to keep its padded key states, and nearly
 * every HMAC of a handshake (HKDF, Finished, PRF) makes a single MAC; hashing the two pad blocks
 * again costs less than those clones.
 */
final class JdkDigest implements ExtendedDigest {

    private final String name;
    private final int byteLength;
    private final MessageDigest digest;

    /** {@code name} is Bouncy Castle's name ("SHA-256"): its RSA signers look the OID up by it. */
    JdkDigest(String name, int byteLength, MessageDigest digest) {
        this.name = name;
        this.byteLength = byteLength;
        this.digest = digest;
    }

    @Override
    public String getAlgorithmName() {
        return name;
    }

    @Override
    public int getDigestSize() {
        return digest.getDigestLength();
    }

    @Override
    public int getByteLength() {
        return byteLength;
    }

    @Override
    public void update(byte in) {
        digest.update(in);
    }

    @Override
    public void update(byte[] in, int offset, int length) {
        digest.update(in, offset, length);
    }

    @Override
    public int doFinal(byte[] out, int offset) {
        try {
            return digest.digest(out, offset, digest.getDigestLength());
        } catch (DigestException e) {
            throw new IllegalArgumentException("Output buffer too short for " + name, e);
        }
    }

    @Override
    public void reset() {
        digest.reset();
    }

    /** A fork of this digest's state, for the transcript hash. */
    JdkDigest copy() {
        return new JdkDigest(name, byteLength, cloneOf(digest));
    }

    /** A copy of {@code digest}'s state; the JDK's SHA-2 digests can always be cloned (checked at start). */
    static MessageDigest cloneOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(digest.getAlgorithm() + " of " + digest.getProvider() + " cannot be copied", e);
        }
    }
}
