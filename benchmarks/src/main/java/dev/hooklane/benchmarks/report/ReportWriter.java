package dev.hooklane.benchmarks.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hooklane.contracts.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the raw figures as JSON and the tables into the generated part of the Markdown report,
 * between {@value #START} and {@value #END}; the hand-written rest of the report stays as it is.
 * The figures table lists each scenario's figures together, scenarios in the order they ran; the
 * latency curve, when it ran, gets a table of its own.
 */
public final class ReportWriter {

    public static final String START = "<!-- generated results: start -->";
    public static final String END = "<!-- generated results: end -->";

    private final Results results;
    private final Map<String, Object> settings;
    private final String command;

    /**
     * @param settings the commit measured and how the run was scaled (warm-up, windows, runs), in this order
     * @param command the exact command that produced the run
     */
    public ReportWriter(Results results, Map<String, Object> settings, String command) {
        this.results = results;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.command = command;
    }

    public void writeJson(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", command);
        root.put("startedAt", results.started().toString());
        root.put("finishedAt", Instant.now().toString());
        root.put("machine", Machine.describe());
        root.put("settings", settings);
        root.put("loadAverage1m", results.loadAverages());
        root.put("scenarioSeconds", results.scenarioSeconds());
        root.put("notes", results.notes());
        root.put("figures", results.figures().stream().map(this::json).toList());
        root.put("cpuWindows", cpuWindowsJson());
        root.put("latencyCurve", results.curve().stream().map(ReportWriter::json).toList());
        Files.writeString(file, Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
    }

    private Map<String, Object> json(Figure figure) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("key", figure.key());
        entry.put("scenario", figure.scenario());
        entry.put("label", figure.label());
        entry.put("unit", figure.unit());
        entry.put("runs", figure.runs());
        entry.put("median", figure.median());
        entry.put("min", figure.min());
        entry.put("max", figure.max());
        figure.target().ifPresent(target -> {
            entry.put("target", target.text());
            entry.put("targetMet", target.metBy(figure.median()));
        });
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String ceiling : figure.ceilings()) {
            results.figure(ceiling).ifPresent(c -> ratios.put(ceiling, figure.median() / c.median()));
        }
        if (!ratios.isEmpty()) {
            entry.put("ratioToCeilings", ratios);
        }
        return entry;
    }

    private Map<String, List<Map<String, Object>>> cpuWindowsJson() {
        Map<String, List<Map<String, Object>>> windows = new LinkedHashMap<>();
        results.cpuWindows().forEach((key, list) -> windows.put(key, list.stream().map(window -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("seconds", window.seconds());
            entry.put("count", window.count());
            entry.put("per", window.per());
            entry.put("cpuSeconds", window.cpuSeconds());
            entry.put("compilingSeconds", window.compilingSeconds());
            window.routedJobs().ifPresent(jobs -> entry.put("routedJobs", jobs));
            return entry;
        }).toList()));
        return windows;
    }

    private static Map<String, Object> json(CurveStep step) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("offeredPerSecond", step.offeredPerSecond());
        entry.put("deliveredPerSecond", step.deliveredPerSecond());
        entry.put("p50Ms", step.p50Ms());
        entry.put("p95Ms", step.p95Ms());
        entry.put("p99Ms", step.p99Ms());
        entry.put("maxMs", step.maxMs());
        entry.put("cpuMicrosPerDelivery", step.cpuMicrosPerDelivery());
        entry.put("loadAverage1m", step.loadAverage());
        return entry;
    }

    /**
     * Replaces the generated part of {@code file} (or appends it when the markers are missing).
     *
     * @param curvePicture the latency curve's picture, relative to {@code file}, when the curve ran
     */
    public void writeMarkdown(Path file, Optional<String> curvePicture) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        String generated = START + "\n" + markdown(curvePicture) + END;
        int start = existing.indexOf(START);
        int end = existing.indexOf(END);
        String updated = start >= 0 && end > start
                ? existing.substring(0, start) + generated + existing.substring(end + END.length())
                : existing + "\n" + generated + "\n";
        Files.writeString(file, updated);
    }

    String markdown(Optional<String> curvePicture) {
        StringBuilder md = new StringBuilder();
        Duration total = Duration.between(results.started(), Instant.now());
        md.append("Measured ").append(results.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(" in ").append(total.toMinutes()).append(" min ").append(total.toSecondsPart()).append(" s by\n\n```bash\n")
                .append(command).append("\n```\n\n");
        Map<String, Object> machine = Machine.describe();
        md.append("Machine: ").append(machine.get("cores")).append(" cores (").append(machine.get("cpu")).append("), ")
                .append(String.format(Locale.ROOT, "%.0f GiB", ((Number) machine.get("memoryBytes")).doubleValue() / (1L << 30)))
                .append(", ").append(machine.get("jdk")).append(", ").append(machine.get("os"))
                .append(". The broker, the services, the receiver, the peer and the load generator all share these cores; the load average ")
                .append("column shows how busy they were. Ratios to the ceilings measured in the same run are the honest comparison.\n\n");
        md.append("Settings: ").append(settings.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                .append(".\n\n");
        md.append("| scenario | figure | median | min – max | runs | target | met | ratio to ceilings (median / median) | load avg |\n");
        md.append("|---|---|---:|---:|---:|---|:-:|---|---:|\n");
        for (Figure figure : byScenario()) {
            md.append("| ").append(figure.scenario())
                    .append(" | ").append(figure.label())
                    .append(" | ").append(format(figure.median(), figure.unit()))
                    .append(" | ").append(format(figure.min(), figure.unit())).append(" – ").append(format(figure.max(), figure.unit()))
                    .append(" | ").append(figure.runs().size())
                    .append(" | ").append(figure.target().map(Target::text).orElse(""))
                    .append(" | ").append(figure.target().map(t -> t.metBy(figure.median()) ? "yes" : "**no**").orElse(""))
                    .append(" | ").append(ratios(figure))
                    .append(" | ").append(load(figure.scenario()))
                    .append(" |\n");
        }
        md.append('\n');
        results.notes().forEach((scenario, lines) -> lines.forEach(line -> md.append("- **").append(scenario).append("**: ").append(line).append('\n')));
        md.append('\n');
        if (!results.curve().isEmpty()) {
            md.append(CurveTable.markdown(results.curve(), curvePicture));
        }
        return md.toString();
    }

    /** The figures, each scenario's together, scenarios in the order their first figure came. */
    private List<Figure> byScenario() {
        List<String> order = results.figures().stream().map(Figure::scenario).distinct().toList();
        return results.figures().stream().sorted(Comparator.comparingInt(figure -> order.indexOf(figure.scenario()))).toList();
    }

    private String ratios(Figure figure) {
        return figure.ceilings().stream()
                .flatMap(key -> results.figure(key).stream())
                .map(ceiling -> String.format(Locale.ROOT, "%.2f × %s", figure.median() / ceiling.median(), ceiling.label()))
                .collect(Collectors.joining("; "));
    }

    private String load(String scenario) {
        List<Double> samples = results.loadAverages().get(scenario);
        if (samples == null || samples.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f–%.1f", samples.stream().mapToDouble(d -> d).min().orElse(0),
                samples.stream().mapToDouble(d -> d).max().orElse(0));
    }

    static String format(double value, String unit) {
        if (unit.endsWith("/s") || unit.equals("ops/s")) {
            return String.format(Locale.ROOT, "%,.0f %s", value, unit);
        }
        if (unit.equals("ratio")) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (unit.equals("count")) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (unit.equals("%")) {
            return String.format(Locale.ROOT, "%.1f %%", value);
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f %s" : "%.2f %s", value, unit);
    }
}
