package dev.hooklane.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The latency curve in the Markdown report: its picture, a table of the steps and where p99 first
 * crosses 50 ms and 1 s.
 */
final class CurveTable {

    /** The latency targets the curve is read against, in ms, with how the report names them. */
    private static final double[] THRESHOLDS_MS = {50, 1_000};
    private static final String[] THRESHOLD_NAMES = {"50 ms", "1 s"};

    private CurveTable() {
    }

    static String markdown(List<CurveStep> steps, Optional<String> picture) {
        StringBuilder md = new StringBuilder("**9. Latency curve**: ");
        md.append(crossings(steps)).append("\n\n");
        picture.ifPresent(file -> md.append("![Latency from event time to receipt by deliveries/s delivered](").append(file).append(")\n\n"));
        Set<String> cpuColumns = new LinkedHashSet<>();
        steps.forEach(step -> cpuColumns.addAll(step.cpuMicrosPerDelivery().keySet()));
        if (!cpuColumns.isEmpty()) {
            md.append("Latency is from event time to receipt; the columns after it are µs of CPU per delivery in the step's window, by process.\n\n");
        }
        md.append("| offered deliveries/s | delivered/s | p50 | p95 | p99 | max |");
        cpuColumns.forEach(column -> md.append(' ').append(column).append(" |"));
        md.append(" load avg |\n|").append("---:|".repeat(6 + cpuColumns.size() + 1)).append('\n');
        for (CurveStep step : steps) {
            md.append(String.format(Locale.ROOT, "| %,.0f | %,.0f | %s | %s | %s | %s |", step.offeredPerSecond(), step.deliveredPerSecond(),
                    millis(step.p50Ms()), millis(step.p95Ms()), millis(step.p99Ms()), millis(step.maxMs())));
            for (String column : cpuColumns) {
                Double micros = step.cpuMicrosPerDelivery().get(column);
                md.append(' ').append(micros == null ? "" : String.format(Locale.ROOT, "%,.1f", micros)).append(" |");
            }
            md.append(String.format(Locale.ROOT, " %.1f |%n", step.loadAverage()));
        }
        md.append('\n');
        return md.toString();
    }

    /** Says at which offered rate p99 first exceeds 50 ms and 1 s, or that it stays within them. */
    static String crossings(List<CurveStep> steps) {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < THRESHOLDS_MS.length; i++) {
            sentences.add(crossing(steps, THRESHOLDS_MS[i], THRESHOLD_NAMES[i]));
        }
        List<String> silent = steps.stream().filter(step -> Double.isNaN(step.p99Ms()))
                .map(step -> String.format(Locale.ROOT, "%,.0f/s", step.offeredPerSecond())).toList();
        if (!silent.isEmpty()) {
            sentences.add("no delivery arrived in the window of the step at " + String.join(", ", silent));
        }
        return String.join("; ", sentences) + ".";
    }

    private static String crossing(List<CurveStep> steps, double thresholdMs, String name) {
        CurveStep below = null;
        for (CurveStep step : steps) {
            if (Double.isNaN(step.p99Ms())) {
                continue;
            }
            if (step.p99Ms() > thresholdMs) {
                String from = below == null ? "already at the first step"
                        : String.format(Locale.ROOT, "%s at %,.0f/s", millis(below.p99Ms()), below.offeredPerSecond());
                return String.format(Locale.ROOT, "p99 first exceeds %s at %,.0f deliveries/s offered (p99 %s there; %s)", name,
                        step.offeredPerSecond(), millis(step.p99Ms()), from);
            }
            below = step;
        }
        return below == null ? "no p99 was measured"
                : String.format(Locale.ROOT, "p99 stays within %s up to %,.0f deliveries/s offered, the curve's last step", name,
                        below.offeredPerSecond());
    }

    private static String millis(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 10_000 ? String.format(Locale.ROOT, "%,.1f s", value / 1_000) : String.format(Locale.ROOT, value >= 100 ? "%,.0f ms" : "%.1f ms", value);
    }
}
