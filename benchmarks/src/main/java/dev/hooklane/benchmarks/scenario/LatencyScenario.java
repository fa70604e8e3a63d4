package dev.hooklane.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.benchmarks.harness.EventLoad;
import dev.hooklane.benchmarks.harness.Pause;
import dev.hooklane.benchmarks.harness.Pipeline;
import dev.hooklane.benchmarks.harness.ReceiverClient;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import dev.hooklane.benchmarks.report.Figure;
import dev.hooklane.benchmarks.report.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 2 (latency at a fixed 1,000 events/s × 10 = 10,000 deliveries/s, event time to
 * receipt) and scenario 3 (the same while the tenth of the endpoints hangs until the worker's
 * response timeout; the healthy nine tenths compared with scenario 2's).
 */
public final class LatencyScenario {

    public static final String LATENCY = "2. Latency";
    public static final String ISOLATION = "3. Isolation";
    static final double EVENTS_PER_SECOND = 1_000;

    private LatencyScenario() {
    }

    /** Windowed figures of one scenario, one entry per run, and the CPU account of the same windows. */
    private record Windows(List<Double> rates, List<Double> healthyRates, List<Double> p50, List<Double> p95, List<Double> p99,
                           List<Double> max, List<Double> healthyP99, CpuFigures cpu) {
        Windows(CpuFigures cpu) {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    cpu);
        }
    }

    public static void runLatency(Bench bench) {
        Windows windows = measure(bench, LATENCY, "latency", "b2.", ReceiverMode.OK, bench.scale().warmUp());
        String label = "event time → receipt at 1,000 events/s × 10";
        bench.results().add(Figure.of("latency.deliveriesPerSecond", LATENCY, "deliveries/s at a fixed 10,000/s offered", "deliveries/s",
                windows.rates()).comparedWith(CeilingScenarios.HTTP));
        windows.cpu().pipelineFigures(Optional.empty());
        bench.results().add(Figure.of("latency.p50", LATENCY, "p50 " + label, "ms", windows.p50()));
        bench.results().add(Figure.of("latency.p95", LATENCY, "p95 " + label, "ms", windows.p95()));
        bench.results().add(Figure.of("latency.p99", LATENCY, "p99 " + label, "ms", windows.p99()).withTarget(Target.atMost(50, "≤ 50 ms")));
        bench.results().add(Figure.of("latency.max", LATENCY, "max " + label, "ms", windows.max()));
        bench.results().add(Figure.of("latency.healthyDeliveriesPerSecond", LATENCY, "deliveries/s to the nine tenths (baseline of 3)",
                "deliveries/s", windows.healthyRates()));
        bench.results().add(Figure.of("latency.healthyP99", LATENCY, "p99 of the nine tenths (baseline of 3)", "ms", windows.healthyP99()));
    }

    public static void runIsolation(Bench bench) {
        Windows windows = measure(bench, ISOLATION, "isolation", "b3.", ReceiverMode.HANG_TENTH, bench.scale().isolationWarmUp());
        bench.results().add(Figure.of("isolation.healthyDeliveriesPerSecond", ISOLATION, "deliveries/s to the healthy nine tenths",
                "deliveries/s", windows.healthyRates()));
        windows.cpu().pipelineFigures(Optional.empty());
        bench.results().add(Figure.of("isolation.healthyP99", ISOLATION, "p99 of the healthy nine tenths", "ms", windows.healthyP99()));
        double baselineRate = bench.results().figure("latency.healthyDeliveriesPerSecond").map(Figure::median).orElse(0.0);
        double baselineP99 = bench.results().figure("latency.healthyP99").map(Figure::median).orElse(Double.NaN);
        if (baselineRate <= 0 || Double.isNaN(baselineP99)) {
            bench.results().note(ISOLATION, "no ratios to scenario 2: it delivered nothing to compare with");
            return;
        }
        bench.results().add(Figure.of("isolation.throughputRatio", ISOLATION, "healthy throughput / scenario 2's", "ratio",
                windows.healthyRates().stream().map(rate -> rate / baselineRate).toList()).withTarget(Target.atLeast(0.9, "≥ 0.90")));
        bench.results().add(Figure.of("isolation.p99Ratio", ISOLATION, "healthy p99 / scenario 2's", "ratio",
                windows.healthyP99().stream().map(p99 -> p99 / baselineP99).toList()));
    }

    /** A percentile in ms; NaN for a window without a single delivery, which has none. */
    static double millis(JsonNode percentiles, String name) {
        return percentiles.has(name) ? percentiles.path(name).asDouble() / 1000 : Double.NaN;
    }

    /** Offers 1,000 events/s to a fresh pipeline and measures windows; {@code key} begins the keys of the CPU figures. */
    private static Windows measure(Bench bench, String scenario, String key, String prefix, ReceiverMode mode, Duration warmUp) {
        ReceiverClient receiver = bench.stack().receiver();
        Duration window = bench.scale().window();
        // The load runs until the last window ends; it is bounded only in case the harness fails to stop it.
        Duration loadAtMost = bench.scale().longestWarmUp().plus(window.multipliedBy(bench.scale().runs())).plusSeconds(60);
        try (Pipeline pipeline = Pipeline.prepare(bench.stack(), prefix, RetryScenario.SCHEDULE)
                .subscribe(ThroughputScenario.SUBSCRIPTIONS, ThroughputScenario.SUBSCRIPTIONS, ThroughputScenario::type).startRouterAndWorker();
             EventLoad load = new EventLoad(pipeline.kafka())) {
            Windows windows = new Windows(CpuFigures.ofPipeline(bench, scenario, key, pipeline));
            PipelineWarmUp.run(bench, scenario, pipeline, EVENTS_PER_SECOND);
            receiver.reset(mode);
            long loadStart = System.nanoTime();
            CompletableFuture<Long> producing = CompletableFuture.supplyAsync(
                    () -> load.run(EVENTS_PER_SECOND, loadAtMost, ThroughputScenario::type, sent -> true));
            // At the rate and in the scenario's mode: the code paths of hanging endpoints compile here, not in the windows.
            Duration warmedUp = bench.warmUp(scenario, warmUp);
            for (int run = 0; run < bench.scale().runs(); run++) {
                CpuFigures.Mark mark = windows.cpu().start();
                receiver.reset(mode);
                long from = System.nanoTime();
                Pause.of(window);
                JsonNode stats = receiver.stats();
                double seconds = Bench.seconds(from, System.nanoTime());
                windows.cpu().end(mark, stats.path("answered").asLong());
                JsonNode latency = stats.path("latencyMicros");
                windows.rates().add(stats.path("answered").asDouble() / seconds);
                windows.healthyRates().add(stats.path("healthyAnswered").asDouble() / seconds);
                windows.p50().add(millis(latency, "p50"));
                windows.p95().add(millis(latency, "p95"));
                windows.p99().add(millis(latency, "p99"));
                windows.max().add(millis(latency, "max"));
                windows.healthyP99().add(millis(stats.path("healthyLatencyMicros"), "p99"));
                bench.sampleLoad(scenario);
            }
            load.stop();
            long sent = producing.join();
            bench.results().note(scenario, pipeline.workerMetrics().workerSummary());
            bench.results().note(scenario, String.format(Locale.ROOT, "then %,d events sent at %.0f/s over %d s (at that rate %d s before the first window), %d refused by Kafka%s",
                    sent, EVENTS_PER_SECOND, Math.round(Bench.seconds(loadStart, System.nanoTime())), warmedUp.toSeconds(), load.failed(),
                    mode == ReceiverMode.HANG_TENTH ? "; endpoints 0, 10, ..., 90 never answered, "
                            + "the worker's default 15 s response timeout ended each request" : ""));
            return windows;
        } finally {
            receiver.reset(ReceiverMode.OK);
        }
    }
}
