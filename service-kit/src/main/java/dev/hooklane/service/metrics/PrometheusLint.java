package dev.hooklane.service.metrics;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps {@code promtool check metrics} free of findings on every service. The Kafka client and
 * Streams binders pass the clients' own metric names through ({@code io-time-ns-avg},
 * {@code connection-count}, per-node latencies without a description), and Micrometer's processor
 * binder reports CPU time in nanoseconds. Values cannot be rescaled by a filter, so meters in
 * abbreviated units are left out, gauges named {@code count} are renamed, and the process CPU time
 * is served under Prometheus' standard name {@code process_cpu_seconds_total} instead.
 */
final class PrometheusLint {

    private static final Set<String> ABBREVIATED_UNITS = Set.of("ns", "us", "ms");
    /** Per-broker request latencies: the Kafka clients give them no description. */
    private static final Pattern NODE_LATENCY = Pattern.compile("kafka\\.[a-z.]+\\.node\\.request\\.latency\\..*");

    private PrometheusLint() {
    }

    /** Filters to configure before any meter is registered. */
    static List<MeterFilter> filters() {
        return List.of(MeterFilter.deny(PrometheusLint::refused), new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.withName(renamed(id.getName()));
            }
        });
    }

    static boolean refused(Meter.Id id) {
        return (id.getBaseUnit() != null && ABBREVIATED_UNITS.contains(id.getBaseUnit()))
                || Arrays.stream(id.getName().split("\\.")).anyMatch(ABBREVIATED_UNITS::contains)
                || NODE_LATENCY.matcher(id.getName()).matches();
    }

    static String renamed(String name) {
        if (name.equals("system.cpu.count")) {
            return "system.available.processors";
        }
        if (name.startsWith("kafka.") && name.endsWith(".connection.count")) {
            return name.substring(0, name.length() - ".connection.count".length()) + ".connections";
        }
        return name;
    }

    /** The process CPU time the filters left out, in seconds: {@code process_cpu_seconds_total}. */
    static void bindProcessCpuSeconds(MeterRegistry registry) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time used by the Java Virtual Machine process")
                    .register(registry);
        }
    }
}
