package dev.offloadjsse.benchmarks;

/** A goal for a ratio's median: at least or at most {@code bound}. */
final class Target {

    private final double bound;
    private final boolean atLeast;

    private Target(double bound, boolean atLeast) {
        this.bound = bound;
        this.atLeast = atLeast;
    }

    static Target atLeast(double bound) {
        return new Target(bound, true);
    }

    static Target atMost(double bound) {
        return new Target(bound, false);
    }

    boolean isMetBy(Sample ratio) {
        return atLeast ? ratio.median() >= bound : ratio.median() <= bound;
    }

    @Override
    public String toString() {
        return (atLeast ? "≥ " : "≤ ") + bound;
    }
}
