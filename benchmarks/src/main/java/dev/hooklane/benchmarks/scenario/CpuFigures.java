package dev.hooklane.benchmarks.scenario;

import dev.hooklane.benchmarks.cpu.CpuSample;
import dev.hooklane.benchmarks.cpu.CpuUse;
import dev.hooklane.benchmarks.cpu.Part;
import dev.hooklane.benchmarks.harness.Pipeline;
import dev.hooklane.benchmarks.report.CpuWindow;
import dev.hooklane.benchmarks.report.Figure;
import dev.hooklane.benchmarks.report.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The CPU account of a scenario's measured windows: what each process used in a window, divided by
 * what the window delivered (requests, records), as figures of µs per delivery, one value per
 * window. Windows that delivered nothing have no such figure and are left out.
 */
final class CpuFigures {

    /** The start of a window: every process's CPU time so far and the jobs the router had emitted. */
    record Mark(CpuSample cpu, OptionalDouble routedJobs) {
    }

    /** One measured window. */
    private record Window(CpuUse use, long count, OptionalDouble routedJobs) {
    }

    private final Bench bench;
    private final String scenario;
    private final String key;
    private final String what;
    private final String per;
    private final Optional<Pipeline> pipeline;
    private final List<Window> windows = new ArrayList<>();

    /**
     * @param scenario the scenario the figures belong to
     * @param key prefix of the figures' keys, e.g. {@code throughput}
     * @param what how the figures' labels begin, e.g. {@code CPU per delivery}
     * @param per what a window's count counts: {@code delivery}, {@code request}, {@code record}
     * @param pipeline the pipeline whose router's emitted jobs are counted, if a router runs
     */
    CpuFigures(Bench bench, String scenario, String key, String what, String per, Optional<Pipeline> pipeline) {
        this.bench = bench;
        this.scenario = scenario;
        this.key = key;
        this.what = what;
        this.per = per;
        this.pipeline = pipeline;
    }

    /** CPU per delivery of a scenario that runs {@code pipeline}. */
    static CpuFigures ofPipeline(Bench bench, String scenario, String key, Pipeline pipeline) {
        return new CpuFigures(bench, scenario, key, "CPU per delivery", "delivery", Optional.of(pipeline));
    }

    /**
     * Begins a window. The router's metrics are read before the CPU sample and, at the end, after
     * it: a scrape can take a while on a busy machine, and it must not widen the window.
     */
    Mark start() {
        OptionalDouble routed = routedJobs();
        return new Mark(bench.stack().cpu(), routed);
    }

    /** Ends the window begun at {@code start}, which made {@code count} deliveries (requests, records). */
    void end(Mark start, long count) {
        CpuUse used = bench.stack().cpu().since(start.cpu());
        end(used, count, start.routedJobs());
    }

    /** Records a window measured apart: {@code use} for {@code count} deliveries (requests, records). */
    void end(CpuUse use, long count) {
        end(use, count, OptionalDouble.empty());
    }

    private void end(CpuUse use, long count, OptionalDouble routedBefore) {
        OptionalDouble routed = OptionalDouble.empty();
        OptionalDouble routedNow = routedJobs();
        if (routedBefore.isPresent() && routedNow.isPresent()) {
            routed = OptionalDouble.of(routedNow.getAsDouble() - routedBefore.getAsDouble());
        }
        windows.add(new Window(use, count, routed));
        bench.results().cpuWindow(key, new CpuWindow(use.wall().toNanos() / 1e9, count, per, secondsByLabel(use.cpu()),
                secondsByLabel(use.compiling()), routed));
    }

    /** Seconds of CPU by each part's label, in the parts' order. */
    private static Map<String, Double> secondsByLabel(Map<Part, Duration> used) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        used.keySet().stream().sorted().forEach(part -> seconds.put(part.label(), used.get(part).toNanos() / 1e9));
        return seconds;
    }

    private OptionalDouble routedJobs() {
        return pipeline.map(Pipeline::routerJobsEmitted).orElse(OptionalDouble.empty());
    }

    /** One figure for each of {@code parts} that ran in the windows. */
    CpuFigures each(Part... parts) {
        for (Part part : parts) {
            add(List.of(part), Optional.empty());
        }
        return this;
    }

    /** One figure for {@code parts} together. */
    CpuFigures total(List<Part> parts) {
        return total(parts, Optional.empty());
    }

    CpuFigures total(List<Part> parts, Optional<Target> target) {
        add(parts, target);
        return this;
    }

    /**
     * The figures of a scenario that runs the whole pipeline: each process, the pipeline (broker,
     * router and worker) together, with {@code pipelineTarget} if it has one, the same with the
     * receiver, and the router's CPU per job it emitted.
     */
    CpuFigures pipelineFigures(Optional<Target> pipelineTarget) {
        return each(Part.BROKER, Part.ROUTER, Part.WORKER, Part.RECEIVER, Part.HARNESS)
                .total(Part.PIPELINE, pipelineTarget)
                .total(Part.WITH_RECEIVER)
                .compiling(Part.PIPELINE)
                .perRoutedJob();
    }

    /**
     * The part of {@code parts}' CPU per delivery their JVMs' JIT compiler threads used: a JVM still
     * compiling after the warm-up spends it in the window, a JVM that has run for hours does not.
     */
    CpuFigures compiling(List<Part> parts) {
        List<Double> micros = windows.stream()
                .filter(window -> window.count() > 0 && window.use().hasCompiling(parts))
                .map(window -> window.use().compilingSeconds(parts) * 1e6 / window.count())
                .toList();
        if (micros.isEmpty()) {
            bench.results().note(scenario, "the JIT compilers' share of " + label(parts) + " was not read (no /proc)");
            return this;
        }
        bench.results().add(Figure.of(figureKey(key, parts) + ".compiling", scenario, what + ", of which JIT compiler threads: " + label(parts),
                "µs/" + per, micros));
        return this;
    }

    /** The router's CPU per job it emitted, where its metrics could be read. */
    CpuFigures perRoutedJob() {
        return perRoutedJob("CPU per routed job (jobs the router emitted): router");
    }

    /** The router's CPU per job it emitted, labelled {@code label}. */
    CpuFigures perRoutedJob(String label) {
        List<Double> micros = windows.stream()
                .filter(window -> window.use().has(Part.ROUTER) && window.routedJobs().orElse(0) > 0)
                .map(window -> window.use().seconds(Part.ROUTER) * 1e6 / window.routedJobs().getAsDouble())
                .toList();
        if (micros.isEmpty()) {
            bench.results().note(scenario, "no CPU per routed job: the router's emitted jobs could not be read, or it emitted none");
        } else {
            bench.results().add(Figure.of(key + ".cpuMicros.routerPerJob", scenario, label, "µs/job", micros));
        }
        return this;
    }

    /** µs of CPU {@code parts} used per delivery in each window; empty for windows where one of them did not run. */
    List<Double> micros(List<Part> parts) {
        return windows.stream()
                .filter(window -> window.count() > 0 && parts.stream().allMatch(window.use()::has))
                .map(window -> microsPer(window.use(), window.count(), parts))
                .toList();
    }

    /** µs of CPU {@code parts} used together in {@code use}, per one of {@code count}. */
    static double microsPer(CpuUse use, long count, List<Part> parts) {
        return use.seconds(parts) * 1e6 / count;
    }

    /** The key of the figure of {@code parts} whose keys begin with {@code prefix}, e.g. {@code throughput.cpuMicros.broker+router+worker}. */
    static String figureKey(String prefix, List<Part> parts) {
        return prefix + ".cpuMicros." + label(parts).replace(" ", "");
    }

    /** How the report names {@code parts} together, e.g. {@code broker + router + worker}. */
    static String label(List<Part> parts) {
        return parts.stream().map(Part::label).collect(Collectors.joining(" + "));
    }

    private void add(List<Part> parts, Optional<Target> target) {
        List<Double> micros = micros(parts);
        String label = label(parts);
        if (micros.isEmpty()) {
            bench.results().note(scenario, what + " of " + label + ": no window with " + per + " in which all of them ran");
            return;
        }
        Figure figure = Figure.of(figureKey(key, parts), scenario, what + ": " + label, "µs/" + per, micros);
        bench.results().add(target.map(figure::withTarget).orElse(figure));
    }
}
