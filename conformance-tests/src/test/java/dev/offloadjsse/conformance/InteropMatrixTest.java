package dev.offloadjsse.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The interop matrix: our provider in both roles against every peer, one dynamic test per cell,
 * written to {@code target/interop-report.md}. A cell that fails through a limitation the peer
 * declares is reported and aborted (shown as skipped with the reason), never silently dropped.
 */
class InteropMatrixTest {

    private static final Path TARGET = Path.of("target");
    private static final ReportWriter REPORT = new ReportWriter();
    private static TestPki pki;

    @BeforeAll
    static void createCertificates() throws Exception {
        pki = new TestPki(TARGET.resolve("interop-pki"));
    }

    @AfterAll
    static void writeReport() throws Exception {
        REPORT.write(TARGET.resolve("interop-report.md"));
    }

    /**
     * {@code -Dinterop.cells=REGEX} runs only the cells whose name has a match for REGEX (to rerun
     * some while working on them; the name's separators are " \\| ").
     */
    private static final java.util.regex.Pattern ONLY = java.util.regex.Pattern.compile(System.getProperty("interop.cells", ""));

    @TestFactory
    Stream<DynamicTest> matrix() {
        return Matrix.cells(Peers.all()).stream()
                .filter(cell -> ONLY.matcher(cell.toString()).find())
                .filter(cell -> cell.support().kind() != Support.Kind.NOT_APPLICABLE || notApplicable(cell))
                .map(cell -> DynamicTest.dynamicTest(cell.toString(), () -> run(cell)));
    }

    private static boolean notApplicable(Cell cell) {
        REPORT.record(cell, ReportWriter.Verdict.NOT_APPLICABLE, cell.support().reason());
        return false;
    }

    private static void run(Cell cell) throws Exception {
        Support support = cell.support();
        try {
            cell.peer().run(cell, pki);
        } catch (Exception | AssertionError e) {
            if (support.kind() == Support.Kind.PEER_LIMITATION) {
                REPORT.record(cell, ReportWriter.Verdict.PEER_LIMITATION, support.reason() + "; observed: " + e);
                Assumptions.abort("peer limitation: " + support.reason() + "; observed: " + e);
            }
            REPORT.record(cell, ReportWriter.Verdict.FAIL, String.valueOf(e));
            throw e;
        }
        REPORT.record(cell, ReportWriter.Verdict.PASS, support.kind() == Support.Kind.PEER_LIMITATION
                ? "passed although the peer was expected not to: " + support.reason() : "");
    }
}
