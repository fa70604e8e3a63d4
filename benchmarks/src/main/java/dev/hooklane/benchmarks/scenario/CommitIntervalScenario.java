package dev.hooklane.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.benchmarks.cpu.Part;
import dev.hooklane.benchmarks.harness.EventLoad;
import dev.hooklane.benchmarks.harness.MetricsScrape;
import dev.hooklane.benchmarks.harness.Pause;
import dev.hooklane.benchmarks.harness.Pipeline;
import dev.hooklane.benchmarks.harness.ReceiverClient;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import dev.hooklane.benchmarks.report.Figure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 10: the router's commit interval. Jobs become visible to the workers (which read
 * committed records only) when the router's transaction commits, so the interval bounds the latency
 * the router adds; each commit costs the router and the broker (transaction markers on every
 * partition written). The latency scenario's load at its rate (10,000 deliveries/s, where the
 * latency target is set), on a fresh pipeline for each interval: latency from event time to
 * receipt, transactions per second, and the CPU the router and the broker spend per delivery.
 */
public final class CommitIntervalScenario {

    public static final String NAME = "10. Commit interval";
    /** The intervals compared, in ms; the router's default (20 ms) among them. */
    static final List<Integer> INTERVALS_MS = List.of(10, 20, 50, 100, 200);
    /** Deliveries offered per second: the latency scenario's, so the default is chosen where its target is set. */
    static final int OFFERED = (int) LatencyScenario.EVENTS_PER_SECOND * ThroughputScenario.FAN_OUT;
    private static final String COMMITS = "kafka_stream_thread_commit_total";

    private CommitIntervalScenario() {
    }

    public static void run(Bench bench) {
        for (int interval : INTERVALS_MS) {
            measure(bench, interval);
            bench.sampleLoad(NAME);
        }
        bench.results().note(NAME, String.format(Locale.ROOT, "%,d deliveries/s offered (%d events/s × 10) to a fresh pipeline for each interval; "
                + "%d s warm-up, then a %d s window", OFFERED, OFFERED / ThroughputScenario.FAN_OUT, bench.scale().warmUp().toSeconds(),
                bench.scale().window().toSeconds()));
    }

    private static void measure(Bench bench, int intervalMs) {
        ReceiverClient receiver = bench.stack().receiver();
        String key = "commit" + intervalMs + "ms";
        String at = String.format(Locale.ROOT, "commit interval %d ms", intervalMs);
        try (Pipeline pipeline = Pipeline.prepare(bench.stack(), "b10." + intervalMs + ".", RetryScenario.SCHEDULE)
                .subscribe(ThroughputScenario.SUBSCRIPTIONS, ThroughputScenario.SUBSCRIPTIONS, ThroughputScenario::type)
                .startRouterAndWorker(Map.of("HOOKLANE_ROUTER_COMMIT_INTERVAL", intervalMs + "ms"), Map.of());
             EventLoad load = new EventLoad(pipeline.kafka())) {
            CpuFigures cpu = new CpuFigures(bench, NAME, key, "CPU per delivery at " + at, "delivery", Optional.of(pipeline));
            PipelineWarmUp.run(bench, NAME, pipeline, OFFERED / (double) ThroughputScenario.FAN_OUT);
            receiver.reset(ReceiverMode.OK);
            CompletableFuture<Long> producing = CompletableFuture.supplyAsync(() -> load.run(OFFERED / (double) ThroughputScenario.FAN_OUT,
                    bench.scale().warmUp().plus(bench.scale().window()).plusSeconds(1), ThroughputScenario::type, sent -> true));
            Pause.of(bench.scale().warmUp());
            double commitsBefore = commits(pipeline);
            CpuFigures.Mark mark = cpu.start();
            receiver.reset(ReceiverMode.OK);
            long from = System.nanoTime();
            Pause.of(bench.scale().window());
            JsonNode stats = receiver.stats();
            double seconds = Bench.seconds(from, System.nanoTime());
            cpu.end(mark, stats.path("answered").asLong());
            double commitsAfter = commits(pipeline);
            producing.join();
            JsonNode latency = stats.path("latencyMicros");
            bench.results().add(Figure.of(key + ".p50", NAME, "p50 event time → receipt, " + at, "ms", List.of(LatencyScenario.millis(latency, "p50"))));
            bench.results().add(Figure.of(key + ".p99", NAME, "p99 event time → receipt, " + at, "ms", List.of(LatencyScenario.millis(latency, "p99"))));
            bench.results().add(Figure.of(key + ".deliveriesPerSecond", NAME, "deliveries/s, " + at, "deliveries/s",
                    List.of(stats.path("answered").asDouble() / seconds)));
            if (!Double.isNaN(commitsBefore) && !Double.isNaN(commitsAfter)) {
                bench.results().add(Figure.of(key + ".commitsPerSecond", NAME, "router transactions committed/s, " + at, "commits/s",
                        List.of((commitsAfter - commitsBefore) / seconds)));
            }
            cpu.each(Part.BROKER, Part.ROUTER).perRoutedJob("CPU per routed job at " + at + ": router");
        }
    }

    /** Commits of the router's stream threads so far; NaN when its metrics do not say. */
    private static double commits(Pipeline pipeline) {
        MetricsScrape scrape = pipeline.routerMetrics();
        return scrape.has(COMMITS) ? scrape.sum(COMMITS, "") : Double.NaN;
    }
}
