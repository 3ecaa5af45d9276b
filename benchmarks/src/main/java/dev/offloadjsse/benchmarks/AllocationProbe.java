package dev.offloadjsse.benchmarks;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Heap bytes allocated per record on an established connection, client wrap and server unwrap
 * together: the thread's allocation counter read around many writes, after warm-up so that the
 * JIT's escape analysis has had its chance.
 */
final class AllocationProbe {

    private final RunMode mode;

    AllocationProbe(RunMode mode) {
        this.mode = mode;
    }

    Sample bytesPerRecord(TlsStack stack, BulkSuite suite, int size) throws GeneralSecurityException, SSLException {
        EnginePair pair = EnginePair.established(stack, suite, BufferKind.HEAP);
        ByteBuffer plaintext = ByteBuffer.allocate(size);
        write(pair, plaintext, mode.allocationWarmupWrites());
        List<Double> rounds = new ArrayList<>();
        for (int round = 0; round < mode.rounds(); round++) {
            long before = AllocatedBytes.now();
            long records = write(pair, plaintext, mode.allocationWritesPerRound());
            long allocated = AllocatedBytes.since(before);
            rounds.add((double) allocated / records);
        }
        return Sample.of(rounds);
    }

    /** The same for the raw JDK AEAD: one seal and one open of {@code size} bytes, as {@link RawAeadBenchmark} does. */
    Sample bytesPerSealAndOpen(BulkSuite suite, int size) throws GeneralSecurityException {
        RawAeadBenchmark aead = new RawAeadBenchmark();
        aead.suite = suite;
        aead.size = size;
        aead.buffers = BufferKind.HEAP;
        aead.keys();
        for (int i = 0; i < mode.allocationWarmupWrites(); i++) {
            aead.sealAndOpen();
        }
        List<Double> rounds = new ArrayList<>();
        for (int round = 0; round < mode.rounds(); round++) {
            long before = AllocatedBytes.now();
            for (int i = 0; i < mode.allocationWritesPerRound(); i++) {
                aead.sealAndOpen();
            }
            rounds.add((double) AllocatedBytes.since(before) / mode.allocationWritesPerRound());
        }
        return Sample.of(rounds);
    }

    private static long write(EnginePair pair, ByteBuffer plaintext, int writes) throws SSLException {
        long records = 0;
        for (int i = 0; i < writes; i++) {
            plaintext.clear();
            records += pair.send(plaintext);
        }
        return records;
    }
}
