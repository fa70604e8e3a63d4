package dev.hooklane.benchmarks.cpu;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The CPU time each running part had used at one moment, since it started.
 *
 * @param nanoTime {@link System#nanoTime()} when the sample was taken
 * @param used CPU time (user + system, all threads) of every part alive then
 * @param compiling the part of {@code used} each JVM's JIT compiler threads had spent, where it could be read
 */
public record CpuSample(long nanoTime, Map<Part, Duration> used, Map<Part, Duration> compiling) {

    public CpuSample {
        used = Map.copyOf(used);
        compiling = Map.copyOf(compiling);
    }

    /** CPU time the JIT compiler threads of every part that has the figure in both samples used since {@code earlier}. */
    public Duration compilingSince(CpuSample earlier) {
        return difference(compiling, earlier.compiling()).values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** What each part used from {@code earlier} to this sample; parts missing from either sample are left out. */
    public CpuUse since(CpuSample earlier) {
        return new CpuUse(Duration.ofNanos(nanoTime - earlier.nanoTime()), difference(used, earlier.used()),
                difference(compiling, earlier.compiling()));
    }

    private static Map<Part, Duration> difference(Map<Part, Duration> now, Map<Part, Duration> before) {
        Map<Part, Duration> used = new EnumMap<>(Part.class);
        now.forEach((part, total) -> {
            Duration then = before.get(part);
            if (then != null) {
                // a compiler thread that ended took its time with it: never below zero
                used.put(part, total.compareTo(then) > 0 ? total.minus(then) : Duration.ZERO);
            }
        });
        return used;
    }
}
