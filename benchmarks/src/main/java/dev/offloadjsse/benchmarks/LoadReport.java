package dev.offloadjsse.benchmarks;

import dev.offloadjsse.benchmarks.load.ChurnResult;
import dev.offloadjsse.benchmarks.load.FloodResult;
import dev.offloadjsse.benchmarks.load.LoadSettings;
import dev.offloadjsse.benchmarks.load.ServerKind;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The tables of the loopback load and the retained heap, with their targets. */
final class LoadReport {

    private final LoadSettings settings;
    private final Map<ServerKind, ChurnResult> churn;
    private final Map<ServerKind, FloodResult> flood;
    private final FloodResult quiet;
    private final Map<TlsStack, RetainedHeap> heap;
    private int targets;
    private int missed;

    LoadReport(LoadSettings settings, Map<ServerKind, ChurnResult> churn, Map<ServerKind, FloodResult> flood,
            FloodResult quiet, Map<TlsStack, RetainedHeap> heap) {
        this.settings = settings;
        this.churn = churn;
        this.flood = flood;
        this.quiet = quiet;
        this.heap = heap;
    }

    void print(PrintStream out) {
        String rounds = "median (min–max) over " + settings.rounds() + " rounds of " + settings.round().toSeconds() + " s";
        churn(rounds).print(out);
        latency(rounds).print(out);
        retainedHeap().print(out);
        targets(rounds).print(out);
        out.println();
        out.println("Server: OffloadJSSE on the nio-transport, TLS 1.3, ECDSA P-256, x25519, 127.0.0.1. Clients: Conscrypt"
                + " engines on nio TlsClient loops in the same JVM, so client and server share the same cores.");
        for (ChurnResult result : churn.values()) {
            if (!result.firstFailure().isEmpty()) {
                out.println("First failed client handshake, " + result.server().label() + ": " + result.firstFailure());
            }
        }
        out.printf("Load targets: %d of %d met.%n", targets - missed, targets);
    }

    private Table churn(String rounds) {
        Table table = new Table("Handshakes per second the server completes, " + settings.churnConnections()
                + " client connections opening and closing, " + rounds, "server", "handshakes/s", "failed: client", "failed: server");
        for (ServerKind kind : ServerKind.values()) {
            ChurnResult result = churn.get(kind);
            table.add(kind.label(), format(result.handshakesPerSecond(), "%.0f"), Long.toString(result.failedHandshakes()),
                    Long.toString(result.serverFailedHandshakes()));
        }
        table.add("offload pool / inline", ratio(churn.get(ServerKind.POOLED).handshakesPerSecond(),
                churn.get(ServerKind.INLINE).handshakesPerSecond()).format("%.2f"), "", "");
        return table;
    }

    private Table latency(String rounds) {
        Table table = new Table("Request latency, ms, " + settings.probeConnections() + " established connections each"
                + " sending 64 bytes every " + settings.probeInterval().toMillis() + " ms (echoed), while "
                + settings.floodConnections() + " handshakes are kept in flight, " + rounds,
                "server", "p50", "p99", "p99.9", "max", "requests/round", "flood handshakes/s", "steps queued (mean)", "GC ms/round");
        latencyRow(table, quiet.server().label() + ", no flood", quiet);
        for (ServerKind kind : ServerKind.values()) {
            latencyRow(table, kind.label(), flood.get(kind));
        }
        return table;
    }

    private static void latencyRow(Table table, String label, FloodResult result) {
        table.add(label, format(result.p50Millis(), "%.2f"), format(result.p99Millis(), "%.2f"),
                format(result.p999Millis(), "%.2f"), format(result.maxMillis(), "%.1f"),
                format(result.requests(), "%.0f"), format(result.floodHandshakesPerSecond(), "%.0f"),
                format(result.queuedSteps(), "%.1f"), format(result.gcMillis(), "%.0f"));
    }

    private Table retainedHeap() {
        RetainedHeap offload = heap.get(TlsStack.OFFLOAD_JSSE);
        Table table = new Table("Heap retained per established idle connection, bytes, server side, "
                + offload.connections() + " in-memory TLS 1.3 connections from Conscrypt clients, no data exchanged",
                "server engine", "total", "engines", "context (session caches)");
        for (RetainedHeap result : heap.values()) {
            table.add(result.stack().label(), String.format("%.0f", result.total()), String.format("%.0f", result.engines()),
                    String.format("%.0f", result.context()));
        }
        return table;
    }

    private Table targets(String rounds) {
        Table table = new Table("Load targets, " + rounds, "measure", "value", "target", "verdict");
        List<Double> offloadP99 = flood.get(ServerKind.POOLED).p99Millis();
        Sample p99 = Sample.of(offloadP99);
        table.add("p99 latency with offload, ms", p99.format("%.2f"), "≤ 2", verdict(p99, Target.atMost(2)));
        Sample better = ratio(flood.get(ServerKind.INLINE).p99Millis(), offloadP99);
        table.add("p99 inline / p99 with offload", better.format("%.1f"), "≥ 10", verdict(better, Target.atLeast(10)));
        Sample heapRatio = Sample.of(List.of(heap.get(TlsStack.OFFLOAD_JSSE).total() / heap.get(TlsStack.SUN_JSSE).total()));
        table.add("retained heap per connection, OffloadJSSE / SunJSSE", String.format("%.2f", heapRatio.median()),
                "≤ 0.25", verdict(heapRatio, Target.atMost(0.25)));
        return table;
    }

    private String verdict(Sample ratio, Target target) {
        targets++;
        if (target.isMetBy(ratio)) {
            return "met";
        }
        missed++;
        return "MISSED";
    }

    private static Sample ratio(List<Double> values, List<Double> references) {
        return Sample.of(values).over(Sample.of(references));
    }

    private static String format(List<Double> values, String format) {
        return Sample.of(values).format(format);
    }
}
