package dev.offloadjsse.benchmarks;

import dev.offloadjsse.benchmarks.load.ChurnResult;
import dev.offloadjsse.benchmarks.load.FloodResult;
import dev.offloadjsse.benchmarks.load.LoopbackLoad;
import dev.offloadjsse.benchmarks.load.ServerKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/**
 * Runs every benchmark in one JVM run (JMH forks per benchmark outside quick mode) and prints
 * the results with OffloadJSSE's ratios to the references measured in the same run.
 * {@code --quick}: a smoke run for CI; no argument: a few minutes; {@code --long}: careful.
 * {@code --bulk} (with any of them) measures only bulk throughput and the raw JDK AEAD, and
 * {@code --suites=AES_128_GCM,...} narrows the suites, for work on the record layer.
 */
public final class Main {

    private static final String BULK_ONLY = "--bulk";
    private static final String SUITES = "--suites=";

    private final RunMode mode;
    private final boolean bulkOnly;
    private final Set<BulkSuite> suites;
    private final Measurements measurements = new Measurements();

    private Main(RunMode mode, boolean bulkOnly, Set<BulkSuite> suites) {
        this.mode = mode;
        this.bulkOnly = bulkOnly;
        this.suites = suites;
    }

    public static void main(String[] args) throws Exception {
        RunMode mode;
        boolean bulkOnly = false;
        Set<BulkSuite> suites = EnumSet.allOf(BulkSuite.class);
        List<String> rest = new ArrayList<>();
        try {
            for (String arg : args) {
                if (arg.equals(BULK_ONLY)) {
                    bulkOnly = true;
                } else if (arg.startsWith(SUITES)) {
                    suites = EnumSet.noneOf(BulkSuite.class);
                    for (String name : arg.substring(SUITES.length()).split(",")) {
                        suites.add(BulkSuite.valueOf(name));
                    }
                } else {
                    rest.add(arg);
                }
            }
            mode = RunMode.fromArguments(rest.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + " (also: " + BULK_ONLY + ", " + SUITES + "AES_128_GCM,...)");
            System.exit(2);
            return;
        }
        System.setProperty("jdk.tls.namedGroups", RunMode.NAMED_GROUPS);
        new Main(mode, bulkOnly, suites).run();
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        SuiteSupport support = SuiteSupport.probe();
        for (TlsStack stack : TlsStack.values()) {
            String[] stackSuites = support.suites(stack).stream().filter(suites::contains).map(Enum::name)
                    .toArray(String[]::new);
            if (stackSuites.length == 0) {
                continue;
            }
            Collection<RunResult> bulk = jmh("bulk " + stack.label(), mode.options(BulkBenchmark.class)
                    .param("stack", stack.name()).param("suite", stackSuites).param("buffers", bufferKinds()));
            measurements.add(bulk, Main::megabytesPerSecond, "bulk", "stack", "suite", "size", "buffers");
            measurements.add(bulk, Main::megabytesPerCpuSecond, "bulkCpu", "stack", "suite", "size", "buffers");
        }
        Collection<RunResult> raw = jmh("raw JDK AEAD", mode.options(RawAeadBenchmark.class)
                .param("suite", suites.stream().map(Enum::name).toArray(String[]::new)).param("buffers", bufferKinds()));
        measurements.add(raw, Main::megabytesPerSecond, "raw", "suite", "size", "buffers");
        measurements.add(raw, Main::megabytesPerCpuSecond, "rawCpu", "suite", "size", "buffers");
        if (bulkOnly) {
            new Report(mode, measurements, support).printBulk(System.out);
            System.out.printf("Ran in %d s.%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            return;
        }
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
