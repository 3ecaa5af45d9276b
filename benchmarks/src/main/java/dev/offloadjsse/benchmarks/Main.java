package dev.offloadjsse.benchmarks;

import dev.offloadjsse.benchmarks.load.ChurnResult;
import dev.offloadjsse.benchmarks.load.FloodResult;
import dev.offloadjsse.benchmarks.load.LoopbackLoad;
import dev.offloadjsse.benchmarks.load.ServerKind;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/**
 * Runs every benchmark in one JVM run (JMH forks per benchmark outside quick mode) and prints
 * the results with OffloadJSSE's ratios to the references measured in the same run.
 * {@code --quick}: a smoke run for CI; no argument: a few minutes; {@code --long}: careful.
 */
public final class Main {

    private final RunMode mode;
    private final Measurements measurements = new Measurements();

    private Main(RunMode mode) {
        this.mode = mode;
    }

    public static void main(String[] args) throws Exception {
        RunMode mode;
        try {
            mode = RunMode.fromArguments(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.setProperty("jdk.tls.namedGroups", RunMode.NAMED_GROUPS);
        new Main(mode).run();
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        SuiteSupport support = SuiteSupport.probe();
        for (TlsStack stack : TlsStack.values()) {
            String[] suites = support.suites(stack).stream().map(Enum::name).toArray(String[]::new);
            Collection<RunResult> bulk = jmh("bulk " + stack.label(), mode.options(BulkBenchmark.class)
                    .param("stack", stack.name()).param("suite", suites).param("buffers", bufferKinds()));
            measurements.add(bulk, Main::megabytesPerSecond, "bulk", "stack", "suite", "size", "buffers");
            measurements.add(bulk, Main::megabytesPerCpuSecond, "bulkCpu", "stack", "suite", "size", "buffers");
        }
        Collection<RunResult> raw = jmh("raw JDK AEAD", mode.options(RawAeadBenchmark.class));
        measurements.add(raw, Main::megabytesPerSecond, "raw", "suite", "size");
        measurements.add(raw, Main::megabytesPerCpuSecond, "rawCpu", "suite", "size");
        Collection<RunResult> handshakes = jmh("handshakes", mode.options(HandshakeBenchmark.class));
        measurements.add(handshakes, Measurements::score, "handshakes", "stack", "kind");
        measurements.add(handshakes, iteration -> Measurements.perCpuSecond(iteration, "handshakes"),
                "handshakesCpu", "stack", "kind");
        measurements.add(handshakes, Main::serverCpuMicros, "serverCpuMicros", "stack", "kind");
        measureAllocation(support);
        // Printed before the loopback load runs, so a load that fails or is stopped loses no JMH result.
        new Report(mode, measurements, support).print(System.out);
        measureLoad().print(System.out);
        System.out.printf("Ran in %d s.%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    private Collection<RunResult> jmh(String what, ChainedOptionsBuilder options) throws Exception {
        System.out.println("Measuring " + what + " ...");
        return new Runner(options.build()).run();
    }

    private String[] bufferKinds() {
        return mode.bufferKinds().stream().map(Enum::name).toArray(String[]::new);
    }

    /** Writes (or seals) per second times their size. */
    private static double megabytesPerSecond(IterationResult iteration) {
        return Measurements.score(iteration) * Integer.parseInt(iteration.getBenchmarkParams().getParam("size")) / 1e6;
    }

    private static double megabytesPerCpuSecond(IterationResult iteration) {
        return Measurements.perCpuSecond(iteration, "bytes") / 1e6;
    }

    private static double serverCpuMicros(IterationResult iteration) {
        return Measurements.secondary(iteration, "serverCpuNanos") / Measurements.secondary(iteration, "handshakes") / 1e3;
    }

    /** The nio-transport over loopback, then the heap that idle connections retain. */
    private LoadReport measureLoad() throws Exception {
        LoopbackLoad loopback = new LoopbackLoad(mode.loadSettings());
        Map<ServerKind, ChurnResult> churn = new EnumMap<>(ServerKind.class);
        Map<ServerKind, FloodResult> flood = new EnumMap<>(ServerKind.class);
        for (ServerKind kind : ServerKind.values()) {
            System.out.println("Measuring loopback handshakes, " + kind.label() + " ...");
            churn.put(kind, loopback.churn(kind));
        }
        for (ServerKind kind : ServerKind.values()) {
            System.out.println("Measuring latency under a handshake flood, " + kind.label() + " ...");
            flood.put(kind, loopback.flood(kind));
        }
        System.out.println("Measuring latency without a flood ...");
        FloodResult quiet = loopback.quiet();
        Map<TlsStack, RetainedHeap> heap = new LinkedHashMap<>();
        RetainedHeapProbe probe = new RetainedHeapProbe(mode.idleConnections());
        for (TlsStack stack : List.of(TlsStack.OFFLOAD_JSSE, TlsStack.SUN_JSSE)) {
            System.out.println("Measuring heap retained by " + mode.idleConnections() + " idle connections, "
                    + stack.label() + " ...");
            heap.put(stack, probe.measure(stack));
        }
        return new LoadReport(mode.loadSettings(), churn, flood, quiet, heap);
    }

    private void measureAllocation(SuiteSupport support) throws Exception {
        System.out.println("Measuring heap allocation per handshake ...");
        HandshakeAllocationProbe handshakes = new HandshakeAllocationProbe(mode);
        for (TlsStack stack : TlsStack.values()) {
            for (HandshakeKind kind : HandshakeKind.values()) {
                HandshakeAllocation allocation = handshakes.bytesPerHandshake(stack, kind);
                measurements.put(allocation.client(), "handshakeAlloc", stack, kind, "client");
                measurements.put(allocation.server(), "handshakeAlloc", stack, kind, "server");
            }
        }
        System.out.println("Measuring heap allocation per record ...");
        AllocationProbe probe = new AllocationProbe(mode);
        List<String> writes = List.of(BulkBenchmark.LARGE_WRITE, BulkBenchmark.SMALL_WRITE);
        for (String write : writes) {
            int size = Integer.parseInt(write);
            for (TlsStack stack : TlsStack.values()) {
                for (BulkSuite suite : support.suites(stack)) {
                    measurements.put(probe.bytesPerRecord(stack, suite, size), "alloc", stack, suite, write);
                }
            }
            for (BulkSuite suite : BulkSuite.values()) {
                measurements.put(probe.bytesPerSealAndOpen(suite, size), "allocRaw", suite, write);
            }
        }
    }
}
