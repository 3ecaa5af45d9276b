package dev.offloadjsse.benchmarks;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * One application write of {@code size} bytes per operation: the client wraps it into TLS 1.3
 * records (one, except SunJSSE at 16 KiB) and the server unwraps them, on an in-memory
 * connection established once per trial.
 * Operations per second times {@code size} is the bulk throughput.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BulkBenchmark {

    static final String LARGE_WRITE = "16384";
    static final String SMALL_WRITE = "1024";

    @Param
    public TlsStack stack;

    @Param
    public BulkSuite suite;

    @Param({BulkBenchmark.LARGE_WRITE, BulkBenchmark.SMALL_WRITE})
    public int size;

    @Param
    public BufferKind buffers;

    private EnginePair pair;
    private ByteBuffer plaintext;

    @Setup(Level.Trial)
    public void connect() throws Exception {
        pair = EnginePair.established(stack, suite, buffers);
        plaintext = buffers.allocate(size);
        byte[] content = new byte[size];
        ThreadLocalRandom.current().nextBytes(content);
        plaintext.put(content);
    }

    @Benchmark
    public int record(WorkCounters counters) throws Exception {
        plaintext.clear();
        counters.bytes += size;
        return pair.send(plaintext);
    }
}
