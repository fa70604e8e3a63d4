package dev.hooklane.benchmarks.cpu;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The CPU time each part used during one measured window.
 *
 * @param wall the window's length
 * @param cpu CPU time (user + system) of every part that ran through the whole window
 * @param compiling the part of {@code cpu} each JVM's JIT compiler threads used, where it could be read
 */
public record CpuUse(Duration wall, Map<Part, Duration> cpu, Map<Part, Duration> compiling) {

    public CpuUse {
        cpu = Map.copyOf(cpu);
        compiling = Map.copyOf(compiling);
    }

    /** A window whose compiling share was not read. */
    public CpuUse(Duration wall, Map<Part, Duration> cpu) {
        this(wall, cpu, Map.of());
    }

    /** The same with {@code part}'s CPU time added (a program measured on its own, such as wrk). */
    public CpuUse with(Part part, Duration used) {
        Map<Part, Duration> more = new EnumMap<>(Part.class);
        more.putAll(cpu);
        more.merge(part, used, Duration::plus);
        return new CpuUse(wall, more, compiling);
    }

    public boolean has(Part part) {
        return cpu.containsKey(part);
    }

    /** Seconds of CPU {@code part} used; 0 when it did not run. */
    public double seconds(Part part) {
        Duration used = cpu.get(part);
        return used == null ? 0 : used.toNanos() / 1e9;
    }

    /** Seconds of CPU {@code parts} used together. */
    public double seconds(Collection<Part> parts) {
        return parts.stream().mapToDouble(this::seconds).sum();
    }

    /** Whether the compiling share of every one of {@code parts} was read. */
    public boolean hasCompiling(Collection<Part> parts) {
        return compiling.keySet().containsAll(parts);
    }

    /** Seconds of CPU the JIT compiler threads of {@code parts} used together; 0 for parts not read. */
    public double compilingSeconds(Collection<Part> parts) {
        return parts.stream().map(compiling::get).filter(Objects::nonNull).mapToDouble(used -> used.toNanos() / 1e9).sum();
    }
}
