package dev.offloadjsse.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Collects the outcome of every cell and writes the matrix as a Markdown report. */
final class ReportWriter {

    enum Verdict {
        PASS("pass"),
        FAIL("**FAIL**"),
        PEER_LIMITATION("peer limitation"),
        NOT_APPLICABLE("n/a");

        final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    private record Row(Cell cell, Verdict verdict, String reason) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void record(Cell cell, Verdict verdict, String reason) {
        rows.add(new Row(cell, verdict, reason));
    }

    synchronized void write(Path file) throws IOException {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Row row : rows) {
            counts.merge(row.verdict(), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder("# Offload JSSE interop matrix\n\n")
                .append("Our provider (OffloadJSSE, inline offloader) against each peer; *role* is the side our provider plays.\n")
                .append("A cell is *pass* when the handshake agreed the cell's version, suite (and ALPN), both sides got ")
                .append("the other's data whole and the connection closed gracefully.\n\n");
        for (Verdict verdict : Verdict.values()) {
            out.append("- ").append(verdict.label).append(": ").append(counts.getOrDefault(verdict, 0)).append('\n');
        }
        String peer = null;
        for (Row row : rows) {
            if (!row.cell().peer().name().equals(peer)) {
                peer = row.cell().peer().name();
                out.append("\n## ").append(peer).append("\n\n");
                if (!row.cell().peer().notes().isEmpty()) {
                    out.append(row.cell().peer().notes()).append("\n\n");
                }
                out
                        .append("| our role | version | suite | certificate | check | result | reason |\n")
                        .append("|---|---|---|---|---|---|---|\n");
            }
            Cell cell = row.cell();
            out.append("| ").append(cell.ourRole().name().toLowerCase())
                    .append(" | ").append(cell.protocol())
                    .append(" | ").append(cell.suite())
                    .append(" | ").append(cell.certificate().label())
                    .append(" | ").append(cell.check().description())
                    .append(" | ").append(row.verdict().label)
                    .append(" | ").append(tableText(row.reason()))
                    .append(" |\n");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
    }

    private static String tableText(String reason) {
        String flat = reason.replace('\n', ' ').replace("|", "\\|").replaceAll("\\s+", " ").trim();
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }
}
