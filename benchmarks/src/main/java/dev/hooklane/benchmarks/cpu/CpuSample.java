package dev.hooklane.benchmarks.cpu;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The CPU time each running part had used at one moment, since it started.
 *
 * @param nanoTime {@link System#nanoTime()} when the sample was taken
 * @param used CPU time (user + system, all threads) of every part alive then
 */
public record CpuSample(long nanoTime, Map<Part, Duration> used) {

    public CpuSample {
        used = Map.copyOf(used);
    }

    /** What each part used from {@code earlier} to this sample; parts missing from either sample are left out. */
    public CpuUse since(CpuSample earlier) {
        Map<Part, Duration> cpu = new EnumMap<>(Part.class);
        used.forEach((part, total) -> {
            Duration before = earlier.used().get(part);
            if (before != null) {
                cpu.put(part, total.minus(before));
            }
        });
        return new CpuUse(Duration.ofNanos(nanoTime - earlier.nanoTime()), cpu);
    }
}
