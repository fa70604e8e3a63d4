package dev.hooklane.benchmarks.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One measured figure: the value of each run, summarised as median, min and max.
 *
 * @param key stable name in the JSON file, e.g. {@code throughput.deliveriesPerSecond}
 * @param scenario the scenario's number and name, e.g. {@code 1. Throughput}
 * @param label what it is, for the table
 * @param unit e.g. {@code deliveries/s}, {@code ms}
 * @param runs one value per run, in run order
 * @param target the goal, when the issue sets one
 * @param ceilings keys of the ceiling figures this one is compared with
 */
public record Figure(String key, String scenario, String label, String unit, List<Double> runs, Optional<Target> target,
                     List<String> ceilings) {

    public Figure {
        Objects.requireNonNull(key, "key");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one run: " + key);
        }
        target = target == null ? Optional.empty() : target;
        ceilings = List.copyOf(ceilings);
    }

    public static Figure of(String key, String scenario, String label, String unit, List<Double> runs) {
        return new Figure(key, scenario, label, unit, runs, Optional.empty(), List.of());
    }

    public Figure withTarget(Target goal) {
        return new Figure(key, scenario, label, unit, runs, Optional.of(goal), ceilings);
    }

    public Figure comparedWith(String... ceilingKeys) {
        return new Figure(key, scenario, label, unit, runs, target, List.of(ceilingKeys));
    }

    public double median() {
        return median(runs);
    }

    /** The median of {@code values}, which must not be empty. */
    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public double min() {
        return Collections.min(runs);
    }

    public double max() {
        return Collections.max(runs);
    }
}
