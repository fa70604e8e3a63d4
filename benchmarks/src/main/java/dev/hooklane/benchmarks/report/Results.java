package dev.hooklane.benchmarks.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one benchmark run measured, in the order it was measured. Used from the harness thread only. */
public final class Results {

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, List<Double>> loadAverages = new LinkedHashMap<>();
    private final Map<String, Long> scenarioSeconds = new LinkedHashMap<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private final Map<String, List<CpuWindow>> cpuWindows = new LinkedHashMap<>();
    private final List<CurveStep> curve = new ArrayList<>();
    private final Instant started = Instant.now();

    public void add(Figure figure) {
        figures.add(figure);
    }

    /** The one-minute load average, sampled during {@code scenario}. */
    public void loadAverage(String scenario, double load) {
        loadAverages.computeIfAbsent(scenario, s -> new ArrayList<>()).add(load);
    }

    public void took(String scenario, Duration duration) {
        scenarioSeconds.merge(scenario, duration.toSeconds(), Long::sum);
    }

    /** A line of explanation shown under the scenario's rows (e.g. what was scaled down, what went wrong). */
    public void note(String scenario, String text) {
        notes.computeIfAbsent(scenario, s -> new ArrayList<>()).add(text);
    }

    /** The raw CPU account of a measured window; {@code key} names the figures derived from it. */
    public void cpuWindow(String key, CpuWindow window) {
        cpuWindows.computeIfAbsent(key, k -> new ArrayList<>()).add(window);
    }

    /** A step of the latency curve, in the order the steps ran. */
    public void curveStep(CurveStep step) {
        curve.add(step);
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    public Optional<Figure> figure(String key) {
        return figures.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    public Map<String, List<Double>> loadAverages() {
        return loadAverages;
    }

    public Map<String, Long> scenarioSeconds() {
        return scenarioSeconds;
    }

    public Map<String, List<String>> notes() {
        return notes;
    }

    public Map<String, List<CpuWindow>> cpuWindows() {
        return cpuWindows;
    }

    public List<CurveStep> curve() {
        return List.copyOf(curve);
    }

    public Instant started() {
        return started;
    }
}
