package dev.offloadjsse.benchmarks;

import dev.offloadjsse.benchmarks.load.LoadSettings;
import java.util.EnumSet;
import java.util.Set;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** How long and how often to measure: a CI smoke run, a few minutes, or a careful run. */
enum RunMode {
    /** Every benchmark once, in this JVM: proves they run, the numbers are only indicative. */
    QUICK(0, 1, TimeValue.milliseconds(500), 3, TimeValue.milliseconds(300), EnumSet.allOf(BufferKind.class), 2_000, 1_000),
    /** The AES-GCM intrinsics need a few seconds of 16 KiB records before C2 has compiled them. */
    DEFAULT(1, 4, TimeValue.seconds(1), 5, TimeValue.seconds(1), EnumSet.of(BufferKind.HEAP), 20_000, 5_000),
    LONG(1, 5, TimeValue.seconds(2), 10, TimeValue.seconds(2), EnumSet.allOf(BufferKind.class), 50_000, 20_000);

    /** x25519 first for SunJSSE; OffloadJSSE (Bouncy Castle) and Conscrypt already put it first. */
    static final String NAMED_GROUPS = "x25519,secp256r1";

    private final int forks;
    private final int warmupIterations;
    private final TimeValue warmupTime;
    private final int rounds;
    private final TimeValue roundTime;
    private final Set<BufferKind> bufferKinds;
    private final int allocationWarmupWrites;
    private final int allocationWritesPerRound;

    RunMode(int forks, int warmupIterations, TimeValue warmupTime, int rounds, TimeValue roundTime,
            Set<BufferKind> bufferKinds, int allocationWarmupWrites, int allocationWritesPerRound) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.rounds = rounds;
        this.roundTime = roundTime;
        this.bufferKinds = bufferKinds;
        this.allocationWarmupWrites = allocationWarmupWrites;
        this.allocationWritesPerRound = allocationWritesPerRound;
    }

    static RunMode fromArguments(String[] args) {
        if (args.length == 0) {
            return DEFAULT;
        }
        if (args.length == 1 && args[0].equals("--quick")) {
            return QUICK;
        }
        if (args.length == 1 && args[0].equals("--long")) {
            return LONG;
        }
        throw new IllegalArgumentException("Usage: java -jar benchmarks.jar [--quick | --long]");
    }

    /** JMH options for the benchmarks of {@code benchmark}; each measurement iteration is one round. */
    ChainedOptionsBuilder options(Class<?> benchmark) {
        return new OptionsBuilder()
                .include("\\." + benchmark.getSimpleName() + "\\.")
                .forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(warmupTime)
                .measurementIterations(rounds)
                .measurementTime(roundTime)
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-Djdk.tls.namedGroups=" + NAMED_GROUPS)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
    }

    int rounds() {
        return rounds;
    }

    Set<BufferKind> bufferKinds() {
        return bufferKinds;
    }

    int allocationWarmupWrites() {
        return allocationWarmupWrites;
    }

    int allocationWritesPerRound() {
        return allocationWritesPerRound;
    }

    /** Handshakes before the per-handshake allocation is read, for each stack and kind of handshake. */
    int allocationWarmupHandshakes() {
        switch (this) {
            case QUICK:
                return 50;
            case LONG:
                return 1_000;
            default:
                return 300;
        }
    }

    int allocationHandshakesPerRound() {
        switch (this) {
            case QUICK:
                return 20;
            case LONG:
                return 200;
            default:
                return 100;
        }
    }

    /** The loopback load: about half a minute in quick mode, about two minutes by default. */
    LoadSettings loadSettings() {
        switch (this) {
            case QUICK:
                return LoadSettings.quick();
            case LONG:
                return LoadSettings.full();
            default:
                return LoadSettings.standard();
        }
    }

    /** Established idle connections held at once for the retained-heap measurement. */
    int idleConnections() {
        switch (this) {
            case QUICK:
                return 500;
            case LONG:
                return 10_000;
            default:
                return 5_000;
        }
    }
}
