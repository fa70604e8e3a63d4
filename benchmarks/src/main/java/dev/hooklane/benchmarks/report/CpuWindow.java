package dev.hooklane.benchmarks.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The raw CPU account of one measured window, kept in the JSON file next to the figures derived
 * from it.
 *
 * @param seconds the window's wall-clock length
 * @param count deliveries (requests, records) made in the window
 * @param per what {@code count} counts: {@code delivery}, {@code request} or {@code record}
 * @param cpuSeconds CPU seconds (user + system) each process used in the window, by part
 * @param compilingSeconds the part of {@code cpuSeconds} each JVM's JIT compiler threads used, where it was read
 * @param routedJobs delivery jobs the router emitted in the window, where a router ran
 */
public record CpuWindow(double seconds, long count, String per, Map<String, Double> cpuSeconds, Map<String, Double> compilingSeconds,
                        OptionalDouble routedJobs) {

    public CpuWindow {
        cpuSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(cpuSeconds));
        compilingSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(compilingSeconds));
    }
}
