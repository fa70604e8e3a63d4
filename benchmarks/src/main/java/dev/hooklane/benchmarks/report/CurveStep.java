package dev.hooklane.benchmarks.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of the latency curve: a fixed offered rate, held through a warm-up and a measured window.
 *
 * @param offeredPerSecond deliveries offered per second (events per second × fan-out)
 * @param deliveredPerSecond deliveries the receiver answered per second in the window
 * @param p50Ms event time → receipt, p50 of the window's deliveries (NaN when there were none; so the others)
 * @param p95Ms the same, p95
 * @param p99Ms the same, p99
 * @param maxMs the same, the slowest
 * @param cpuMicrosPerDelivery µs of CPU per delivery in the window, by part and for the totals, in report order
 * @param loadAverage the one-minute load average at the window's end
 */
public record CurveStep(double offeredPerSecond, double deliveredPerSecond, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                        Map<String, Double> cpuMicrosPerDelivery, double loadAverage) {

    public CurveStep {
        cpuMicrosPerDelivery = Collections.unmodifiableMap(new LinkedHashMap<>(cpuMicrosPerDelivery));
    }
}
