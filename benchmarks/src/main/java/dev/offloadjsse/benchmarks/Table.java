package dev.offloadjsse.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A Markdown table with aligned columns, readable in a terminal and pasteable into a README. */
final class Table {

    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    Table(String title, String... header) {
        this.title = title;
        rows.add(header);
    }

    void add(String... cells) {
        if (cells.length != rows.get(0).length) {
            throw new IllegalArgumentException("Row of " + cells.length + " cells in a table of " + rows.get(0).length);
        }
        rows.add(cells);
    }

    void print(PrintStream out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        out.println();
        out.println(title);
        out.println();
        printRow(out, rows.get(0), widths);
        String[] rule = new String[widths.length];
        for (int i = 0; i < widths.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        printRow(out, rule, widths);
        rows.stream().skip(1).forEach(row -> printRow(out, row, widths));
    }

    private static void printRow(PrintStream out, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < row.length; i++) {
            line.append(' ').append(row[i]).append(" ".repeat(widths[i] - row[i].length())).append(" |");
        }
        out.println(line);
    }
}
