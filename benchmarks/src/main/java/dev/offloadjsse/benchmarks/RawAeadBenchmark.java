package dev.offloadjsse.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The limit for bulk throughput: the JDK's AEAD sealing and opening {@code size} bytes with a
 * record header's 5 bytes of additional data and a fresh nonce per record, on byte arrays, with
 * no record layer around it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawAeadBenchmark {

    private static final int NONCE_LENGTH = 12;
    private static final int TAG_LENGTH = 16;

    @Param
    public BulkSuite suite;

    @Param({BulkBenchmark.LARGE_WRITE, BulkBenchmark.SMALL_WRITE})
    public int size;

    private Cipher sealer;
    private Cipher opener;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private final byte[] additionalData = {23, 3, 3, 0, 0};
    private byte[] plaintext;
    private byte[] sealed;
    private byte[] opened;
    private long sequence;

    @Setup(Level.Trial)
    public void keys() throws GeneralSecurityException {
        byte[] keyBytes = new byte[suite.keyLength()];
        ThreadLocalRandom.current().nextBytes(keyBytes);
        ThreadLocalRandom.current().nextBytes(nonce);
        key = new SecretKeySpec(keyBytes, suite.keyAlgorithm());
        sealer = Cipher.getInstance(suite.transformation());
        opener = Cipher.getInstance(suite.transformation());
        plaintext = new byte[size];
        ThreadLocalRandom.current().nextBytes(plaintext);
        sealed = new byte[size + TAG_LENGTH];
        opened = new byte[size];
    }

    @Benchmark
    public int sealAndOpen(WorkCounters counters) throws GeneralSecurityException {
        counters.bytes += size;
        return sealAndOpen();
    }

    int sealAndOpen() throws GeneralSecurityException {
        nextNonce();
        sealer.init(Cipher.ENCRYPT_MODE, key, suite.parameters(nonce));
        sealer.updateAAD(additionalData);
        int sealedLength = sealer.doFinal(plaintext, 0, size, sealed, 0);
        opener.init(Cipher.DECRYPT_MODE, key, suite.parameters(nonce));
        opener.updateAAD(additionalData);
        return opener.doFinal(sealed, 0, sealedLength, opened, 0);
    }

    /** As TLS 1.3 does (RFC 8446 §5.3): the sequence number XORed into the nonce, never reused. */
    private void nextNonce() {
        long previous = sequence++;
        long change = previous ^ sequence;
        for (int i = 0; i < 8; i++) {
            nonce[NONCE_LENGTH - 1 - i] ^= (byte) (change >>> (8 * i));
        }
    }
}
