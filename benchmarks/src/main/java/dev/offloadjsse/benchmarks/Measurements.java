package dev.offloadjsse.benchmarks;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;

/** Every sample of one run of the suite, keyed by what was measured and its parameters. */
final class Measurements {

    private final Map<String, Sample> samples = new HashMap<>();

    static String key(Object... parts) {
        return Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining(" "));
    }

    void put(Sample sample, Object... keyParts) {
        samples.put(key(keyParts), sample);
    }

    Optional<Sample> get(Object... keyParts) {
        return Optional.ofNullable(samples.get(key(keyParts)));
    }

    /**
     * One sample per JMH run, one value per measurement iteration, keyed by {@code what} and the
     * values of {@code paramNames}.
     */
    void add(Collection<RunResult> results, ToDoubleFunction<IterationResult> value, String what, String... paramNames) {
        for (RunResult result : results) {
            List<Double> rounds = result.getBenchmarkResults().stream()
                    .flatMap(benchmark -> benchmark.getIterationResults().stream())
                    .map(value::applyAsDouble)
                    .collect(Collectors.toList());
            Object[] keyParts = new Object[paramNames.length + 1];
            keyParts[0] = what;
            for (int i = 0; i < paramNames.length; i++) {
                keyParts[i + 1] = result.getParams().getParam(paramNames[i]);
            }
            put(Sample.of(rounds), keyParts);
        }
    }

    static double score(IterationResult iteration) {
        return iteration.getPrimaryResult().getScore();
    }

    /** A counter of {@link WorkCounters} per second of the benchmark thread's CPU time. */
    static double perCpuSecond(IterationResult iteration, String counter) {
        return secondary(iteration, counter) / secondary(iteration, "cpuNanos") * 1e9;
    }

    static double secondary(IterationResult iteration, String name) {
        return iteration.getSecondaryResults().get(name).getScore();
    }
}
