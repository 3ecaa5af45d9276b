package dev.offloadjsse.benchmarks;

import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
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
 * One full handshake per operation between two fresh engines of the same stack, both driven on
 * this thread. Besides handshakes per second it counts the thread CPU time spent inside the
 * server engine's {@code wrap}, {@code unwrap} and delegated tasks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeBenchmark {

    @Param
    public TlsStack stack;

    @Param
    public HandshakeKind kind;

    private SSLContext clientContext;
    private SSLContext serverContext;

    @Setup(Level.Trial)
    public void contexts() throws Exception {
        clientContext = stack.context(kind.credential());
        serverContext = stack.context(kind.credential());
    }

    @Benchmark
    public void handshake(WorkCounters counters) throws Exception {
        EnginePair pair = EnginePair.create(clientContext, serverContext, kind.protocol(), kind.cipherSuite(),
                BufferKind.HEAP, true).handshake();
        counters.serverCpuNanos += pair.serverCpuNanos();
        counters.handshakes++;
    }
}
