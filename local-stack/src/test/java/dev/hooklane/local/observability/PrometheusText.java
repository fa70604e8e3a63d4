package dev.hooklane.local.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition, enough to look series up by name and labels. */
record PrometheusText(List<Series> all) {

    record Series(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    static PrometheusText parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                }
            }
            series.add(new Series(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new PrometheusText(List.copyOf(series));
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>();
        all.forEach(series -> names.add(series.name()));
        return names;
    }

    List<Series> series(String name) {
        return all.stream().filter(series -> series.name().equals(name)).toList();
    }

    /** The sum of the series of {@code name} whose labels include {@code labels}. */
    double value(String name, Map<String, String> labels) {
        List<Series> matching = series(name).stream().filter(series -> series.labels().entrySet().containsAll(labels.entrySet())).toList();
        if (matching.isEmpty()) {
            throw new AssertionError("no series " + name + labels);
        }
        return matching.stream().mapToDouble(Series::value).sum();
    }
}
