package dev.offloadjsse.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the benchmark thread did in one iteration and the CPU time it took. Work per CPU-second
 * does not move when other processes take the cores, as wall-clock throughput does on a
 * shared machine. Each benchmark counts the work it does; the other counters stay 0.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class WorkCounters {

    /** Application bytes carried (bulk) or sealed and opened (raw AEAD). */
    public long bytes;
    public long handshakes;
    /** CPU time of the server engine's own calls, during {@link #handshakes}. */
    public long serverCpuNanos;
    private long cpuStart;

    @Setup(Level.Iteration)
    public void start() {
        bytes = 0;
        handshakes = 0;
        serverCpuNanos = 0;
        cpuStart = CpuClock.now();
    }

    /** This thread's CPU time since the iteration began; JMH reads it on this thread as the iteration ends. */
    public long cpuNanos() {
        return CpuClock.now() - cpuStart;
    }
}
