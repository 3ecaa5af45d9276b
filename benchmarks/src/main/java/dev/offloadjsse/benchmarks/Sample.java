package dev.offloadjsse.benchmarks;

import java.util.Arrays;
import java.util.List;

/** The values of one measurement, one per round, in the order they were measured. */
final class Sample {

    private final double[] rounds;
    private final double[] sorted;

    private Sample(double[] rounds) {
        if (rounds.length == 0) {
            throw new IllegalArgumentException("A sample needs at least one round");
        }
        this.rounds = rounds;
        this.sorted = rounds.clone();
        Arrays.sort(sorted);
    }

    static Sample of(List<Double> rounds) {
        return new Sample(rounds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    double median() {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    double min() {
        return sorted[0];
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    /** Round i of this over round i of {@code reference}, for as many rounds as both have. */
    Sample over(Sample reference) {
        int count = Math.min(rounds.length, reference.rounds.length);
        double[] ratios = new double[count];
        for (int i = 0; i < count; i++) {
            ratios[i] = rounds[i] / reference.rounds[i];
        }
        return new Sample(ratios);
    }

    /** Every round times {@code factor}, e.g. to change the unit. */
    Sample scaled(double factor) {
        double[] scaled = rounds.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= factor;
        }
        return new Sample(scaled);
    }

    /** Median and range, e.g. {@code 1234 (1200–1301)}, each number in {@code format}. */
    String format(String format) {
        return String.format(format + " (" + format + "–" + format + ")", median(), min(), max());
    }
}
