package dev.offloadjsse.benchmarks;

import java.nio.ByteBuffer;
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
 * The limit for bulk throughput: the JDK's AEAD sealing and opening one TLS 1.3 record's
 * plaintext — {@code size} bytes of application data and the inner content type byte, as
 * RFC 8446 §5.2 requires — with that record's header as the 5 bytes of additional data and a
 * fresh nonce per record, with no record layer around it. Heap buffers are sealed and opened as
 * byte arrays. Direct buffers are copied into arrays, sealed or opened there and copied back:
 * that is the least a record layer on direct buffers must do, since JDK 17's AEADs are about
 * 25 % slower through {@code doFinal(ByteBuffer, ByteBuffer)} on direct buffers than on arrays
 * with both copies. Each operation counts {@code size} bytes, as {@link BulkBenchmark} does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawAeadBenchmark {

    private static final int NONCE_LENGTH = 12;
    private static final int TAG_LENGTH = 16;
    private static final byte APPLICATION_DATA = 23;

    @Param
    public BulkSuite suite;

    @Param({BulkBenchmark.LARGE_WRITE, BulkBenchmark.SMALL_WRITE})
    public int size;

    @Param
    public BufferKind buffers;

    private Cipher sealer;
    private Cipher opener;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private final byte[] additionalData = new byte[5];
    private byte[] plaintext;
    private byte[] sealed;
    private byte[] opened;
    private ByteBuffer plaintextBuffer;
    private ByteBuffer sealedBuffer;
    private ByteBuffer openedBuffer;
    private long sequence;

    @Setup(Level.Trial)
    public void keys() throws GeneralSecurityException {
        byte[] keyBytes = new byte[suite.keyLength()];
        ThreadLocalRandom.current().nextBytes(keyBytes);
        ThreadLocalRandom.current().nextBytes(nonce);
        key = new SecretKeySpec(keyBytes, suite.keyAlgorithm());
        sealer = Cipher.getInstance(suite.transformation());
        opener = Cipher.getInstance(suite.transformation());
        int inner = size + 1;
        plaintext = new byte[inner];
        ThreadLocalRandom.current().nextBytes(plaintext);
        plaintext[size] = APPLICATION_DATA;
        int sealedLength = inner + TAG_LENGTH;
        additionalData[0] = APPLICATION_DATA;
        additionalData[1] = 3;
        additionalData[2] = 3;
        additionalData[3] = (byte) (sealedLength >>> 8);
        additionalData[4] = (byte) sealedLength;
        sealed = new byte[sealedLength];
        opened = new byte[inner];
        if (buffers == BufferKind.DIRECT) {
            plaintextBuffer = buffers.allocate(inner).put(plaintext);
            sealedBuffer = buffers.allocate(sealedLength);
            openedBuffer = buffers.allocate(inner);
        }
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
        if (plaintextBuffer != null) {
            plaintextBuffer.get(0, plaintext);
            int sealedLength = sealer.doFinal(plaintext, 0, plaintext.length, sealed, 0);
            sealedBuffer.put(0, sealed, 0, sealedLength);
            opener.init(Cipher.DECRYPT_MODE, key, suite.parameters(nonce));
            opener.updateAAD(additionalData);
            sealedBuffer.get(0, sealed, 0, sealedLength);
            int openedLength = opener.doFinal(sealed, 0, sealedLength, opened, 0);
            openedBuffer.put(0, opened, 0, openedLength);
            return openedLength;
        }
        int sealedLength = sealer.doFinal(plaintext, 0, plaintext.length, sealed, 0);
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
