package dev.offloadjsse.benchmarks;

import static dev.offloadjsse.benchmarks.TlsStack.CONSCRYPT;
import static dev.offloadjsse.benchmarks.TlsStack.OFFLOAD_JSSE;
import static dev.offloadjsse.benchmarks.TlsStack.SUN_JSSE;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** The tables of one run: absolute numbers, then OffloadJSSE's ratios to the references and its targets. */
final class Report {

    private static final List<String> WRITES = List.of(BulkBenchmark.LARGE_WRITE, BulkBenchmark.SMALL_WRITE);
    private static final String NOT_MEASURED = "n/a";

    private final RunMode mode;
    private final Measurements measurements;
    private final SuiteSupport support;
    private int targets;
    private int missed;

    Report(RunMode mode, Measurements measurements, SuiteSupport support) {
        this.mode = mode;
        this.measurements = measurements;
        this.support = support;
    }

    void print(PrintStream out) {
        String rounds = "median (min–max) over " + mode.rounds() + " rounds";
        if (mode == RunMode.QUICK) {
            out.println("Quick mode: every benchmark in this JVM with little warm-up. It shows that they run;"
                    + " compare numbers from the default or --long mode only.");
        }
        bulk("bulkCpu", "rawCpu", "Bulk throughput, MB of application data per CPU-second (wrap + unwrap), " + rounds)
                .print(out);
        bulkRatios(rounds).print(out);
        bulk("bulk", "raw", "Bulk throughput, MB/s of application data by the wall clock, " + rounds).print(out);
        allocation(rounds).print(out);
        handshakeAllocation().print(out);
        handshakes("handshakesCpu", "Full handshakes per CPU-second, both sides on one thread, " + rounds).print(out);
        handshakes("handshakes", "Full handshakes per second by the wall clock, " + rounds).print(out);
        serverCpu(rounds).print(out);
        out.println();
        out.printf("Server CPU: thread CPU time, less %d ns per metered call for reading the clock.%n",
                CpuClock.OVERHEAD_NANOS);
        support.refusals().forEach(refusal -> out.println("Not measured: " + refusal + "."));
        out.printf("Targets: %d of %d met (%s mode; ratios are per round, medians compared).%n",
                targets - missed, targets, mode.name().toLowerCase());
    }

    /** Only the bulk tables and their targets, for a {@code --bulk} run. */
    void printBulk(PrintStream out) {
        String rounds = "median (min–max) over " + mode.rounds() + " rounds";
        bulk("bulkCpu", "rawCpu", "Bulk throughput, MB of application data per CPU-second (wrap + unwrap), " + rounds)
                .print(out);
        bulkRatios(rounds).print(out);
        bulk("bulk", "raw", "Bulk throughput, MB/s of application data by the wall clock, " + rounds).print(out);
        out.printf("Bulk targets: %d of %d met (%s mode; ratios are per round, medians compared).%n",
                targets - missed, targets, mode.name().toLowerCase());
    }

    private Table bulk(String metric, String rawMetric, String title) {
        Table table = new Table(title, "suite", "write", "buffers", "OffloadJSSE", "SunJSSE", "Conscrypt", "raw JDK AEAD");
        for (BufferKind buffers : mode.bufferKinds()) {
            for (BulkSuite suite : BulkSuite.values()) {
                for (String write : WRITES) {
                    table.add(suite.name(), write, buffers.name().toLowerCase(),
                            cell(measurements.get(metric, OFFLOAD_JSSE, suite, write, buffers), "%.0f"),
                            cell(measurements.get(metric, SUN_JSSE, suite, write, buffers), "%.0f"),
                            cell(measurements.get(metric, CONSCRYPT, suite, write, buffers), "%.0f"),
                            cell(measurements.get(rawMetric, suite, write, buffers), "%.0f"));
                }
            }
        }
        return table;
    }

    private Table bulkRatios(String rounds) {
        Table table = new Table("Bulk ratios of OffloadJSSE per CPU-second, " + rounds,
                "suite", "write", "buffers", "/ raw AEAD", "target", "/ SunJSSE", "target", "/ Conscrypt");
        for (BufferKind buffers : mode.bufferKinds()) {
            for (BulkSuite suite : BulkSuite.values()) {
                for (String write : WRITES) {
                    boolean large = write.equals(BulkBenchmark.LARGE_WRITE);
                    Optional<Sample> offload = bulk(OFFLOAD_JSSE, suite, write, buffers);
                    Optional<Sample> toRaw = ratio(offload, raw(suite, write, buffers));
                    Optional<Sample> toSun = ratio(offload, bulk(SUN_JSSE, suite, write, buffers));
                    table.add(suite.name(), write, buffers.name().toLowerCase(),
                            cell(toRaw, "%.2f"), verdict(toRaw, Target.atLeast(large ? 0.95 : 0.85)),
                            cell(toSun, "%.2f"), verdict(toSun, Target.atLeast(large ? 1.2 : 1.4)),
                            cell(ratio(offload, bulk(CONSCRYPT, suite, write, buffers)), "%.2f"));
                }
            }
        }
        return table;
    }

    private Table allocation(String rounds) {
        Table table = new Table("Heap bytes allocated per record, client wrap + server unwrap, heap buffers, " + rounds,
                "suite", "write", "OffloadJSSE", "SunJSSE", "Conscrypt", "raw JDK AEAD (seal + open)");
        for (BulkSuite suite : BulkSuite.values()) {
            for (String write : WRITES) {
                table.add(suite.name(), write,
                        cell(measurements.get("alloc", OFFLOAD_JSSE, suite, write), "%.0f"),
                        cell(measurements.get("alloc", SUN_JSSE, suite, write), "%.0f"),
                        cell(measurements.get("alloc", CONSCRYPT, suite, write), "%.0f"),
                        cell(measurements.get("allocRaw", suite, write), "%.0f"));
            }
        }
        return table;
    }

    private Table handshakeAllocation() {
        Table table = new Table("Heap KiB allocated per full handshake by one side's engine (creation, wrap, unwrap, tasks;"
                + " Conscrypt: Java heap only), median (min–max) over " + mode.rounds() + " rounds of "
                + mode.allocationHandshakesPerRound() + " handshakes",
                "handshake", "side", "OffloadJSSE", "SunJSSE", "Conscrypt", "Offload / Sun", "Offload / Conscrypt", "target");
        for (HandshakeKind kind : HandshakeKind.values()) {
            for (String side : List.of("client", "server")) {
                Optional<Sample> offload = handshakeKibibytes(OFFLOAD_JSSE, kind, side);
                Optional<Sample> sun = handshakeKibibytes(SUN_JSSE, kind, side);
                Optional<Sample> conscrypt = handshakeKibibytes(CONSCRYPT, kind, side);
                boolean targeted = kind == HandshakeKind.TLS13_ECDSA;
                table.add(kind.name(), side, cell(offload, "%.1f"), cell(sun, "%.1f"), cell(conscrypt, "%.1f"),
                        cell(ratio(offload, sun), "%.2f"), cell(ratio(offload, conscrypt), "%.2f"),
                        targeted ? verdict(offload, Target.atMost(50)) : "");
            }
        }
        return table;
    }

    private Optional<Sample> handshakeKibibytes(TlsStack stack, HandshakeKind kind, String side) {
        return measurements.get("handshakeAlloc", stack, kind, side).map(bytes -> bytes.scaled(1.0 / 1024));
    }

    private Table handshakes(String metric, String title) {
        Table table = new Table(title, "handshake", "OffloadJSSE", "SunJSSE", "Conscrypt", "Offload / Sun", "Offload / Conscrypt");
        for (HandshakeKind kind : HandshakeKind.values()) {
            Optional<Sample> offload = measurements.get(metric, OFFLOAD_JSSE, kind);
            Optional<Sample> sun = measurements.get(metric, SUN_JSSE, kind);
            Optional<Sample> conscrypt = measurements.get(metric, CONSCRYPT, kind);
            table.add(kind.name(), cell(offload, "%.0f"), cell(sun, "%.0f"), cell(conscrypt, "%.0f"),
                    cell(ratio(offload, sun), "%.2f"), cell(ratio(offload, conscrypt), "%.2f"));
        }
        return table;
    }

    private Table serverCpu(String rounds) {
        Table table = new Table("Server CPU per handshake, µs (server engine's wrap, unwrap and tasks), " + rounds,
                "handshake", "OffloadJSSE", "SunJSSE", "Conscrypt", "Offload / Conscrypt", "target",
                "Offload / Sun", "target");
        for (HandshakeKind kind : HandshakeKind.values()) {
            Optional<Sample> offload = measurements.get("serverCpuMicros", OFFLOAD_JSSE, kind);
            Optional<Sample> sun = measurements.get("serverCpuMicros", SUN_JSSE, kind);
            Optional<Sample> conscrypt = measurements.get("serverCpuMicros", CONSCRYPT, kind);
            Optional<Sample> toConscrypt = ratio(offload, conscrypt);
            Optional<Sample> toSun = ratio(offload, sun);
            boolean targeted = kind == HandshakeKind.TLS13_ECDSA;
            table.add(kind.name(), cell(offload, "%.0f"), cell(sun, "%.0f"), cell(conscrypt, "%.0f"),
                    cell(toConscrypt, "%.2f"), targeted ? verdict(toConscrypt, Target.atMost(1.25)) : "",
                    cell(toSun, "%.2f"), targeted ? verdict(toSun, Target.atMost(0.2)) : "");
        }
        return table;
    }

    private Optional<Sample> bulk(TlsStack stack, BulkSuite suite, String write, BufferKind buffers) {
        return measurements.get("bulkCpu", stack, suite, write, buffers);
    }

    private Optional<Sample> raw(BulkSuite suite, String write, BufferKind buffers) {
        return measurements.get("rawCpu", suite, write, buffers);
    }

    private static Optional<Sample> ratio(Optional<Sample> sample, Optional<Sample> reference) {
        return sample.flatMap(s -> reference.map(s::over));
    }

    private static String cell(Optional<Sample> sample, String format) {
        return sample.map(s -> s.format(format)).orElse(NOT_MEASURED);
    }

    private String verdict(Optional<Sample> ratio, Target target) {
        if (ratio.isEmpty()) {
            return NOT_MEASURED;
        }
        targets++;
        if (target.isMetBy(ratio.get())) {
            return target + " met";
        }
        missed++;
        return target + " MISSED";
    }
}
