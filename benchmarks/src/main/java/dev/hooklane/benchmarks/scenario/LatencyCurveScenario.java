package dev.hooklane.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.benchmarks.cpu.CpuSample;
import dev.hooklane.benchmarks.cpu.CpuUse;
import dev.hooklane.benchmarks.cpu.Part;
import dev.hooklane.benchmarks.harness.EventLoad;
import dev.hooklane.benchmarks.harness.Pause;
import dev.hooklane.benchmarks.harness.Pipeline;
import dev.hooklane.benchmarks.harness.ReceiverClient;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import dev.hooklane.benchmarks.report.CurveStep;
import dev.hooklane.benchmarks.report.Machine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 9: the latency curve. The load of the latency scenario (100 subscriptions, fan-out 10,
 * 1 KiB events) offered at 1,000 to 20,000 deliveries/s in steps, on one pipeline: each step a
 * warm-up and a measured window at its rate (event time to receipt, the rate delivered, the CPU per
 * delivery of each process); then the load stops until nothing has arrived for a second, so that a
 * step's backlog is delivered before the next step begins (or the step's settle time ran out).
 */
public final class LatencyCurveScenario {

    public static final String NAME = "9. Latency curve";
    /** Deliveries offered per second at each step, in order. */
    static final List<Integer> OFFERED = List.of(1_000, 2_000, 5_000, 10_000, 15_000, 20_000);
    /** How long nothing must arrive before a step's backlog counts as delivered. */
    private static final Duration QUIET = Duration.ofSeconds(1);

    private LatencyCurveScenario() {
    }

    public static void run(Bench bench) {
        ReceiverClient receiver = bench.stack().receiver();
        Scale.CurveScale scale = bench.scale().curve();
        try (Pipeline pipeline = Pipeline.prepare(bench.stack(), "b9.", RetryScenario.SCHEDULE)
                .subscribe(ThroughputScenario.SUBSCRIPTIONS, ThroughputScenario.SUBSCRIPTIONS, ThroughputScenario::type).startRouterAndWorker();
             EventLoad load = new EventLoad(pipeline.kafka())) {
            PipelineWarmUp.run(bench, NAME, pipeline, LatencyScenario.EVENTS_PER_SECOND);
            List<String> unsettled = new ArrayList<>();
            for (int offered : OFFERED) {
                bench.results().curveStep(step(bench, receiver, load, offered, scale));
                bench.sampleLoad(NAME);
                if (offered != OFFERED.getLast() && receiver.awaitQuiet(QUIET, scale.settle()).isEmpty()) {
                    unsettled.add(String.format(Locale.ROOT, "%,d/s", offered));
                }
            }
            bench.results().note(NAME, pipeline.workerMetrics().workerSummary());
            bench.results().note(NAME, String.format(Locale.ROOT, "each step: %d s warm-up and a %d s window at its rate; "
                    + "between steps the load stops until nothing arrives for %d s (at most %d s)%s", scale.warmUp().toSeconds(),
                    scale.window().toSeconds(), QUIET.toSeconds(), scale.settle().toSeconds(),
                    unsettled.isEmpty() ? "" : "; still delivering after the step at " + String.join(", ", unsettled)
                            + ", so the next step began with a backlog"));
        }
    }

    private static CurveStep step(Bench bench, ReceiverClient receiver, EventLoad load, int offered, Scale.CurveScale scale) {
        double eventsPerSecond = offered / (double) ThroughputScenario.FAN_OUT;
        receiver.reset(ReceiverMode.OK);
        CompletableFuture<Long> producing = CompletableFuture.supplyAsync(
                () -> load.run(eventsPerSecond, scale.warmUp().plus(scale.window()), ThroughputScenario::type, sent -> true));
        Pause.of(scale.warmUp());
        receiver.reset(ReceiverMode.OK);
        CpuSample before = bench.stack().cpu();
        long from = System.nanoTime();
        Pause.of(scale.window());
        JsonNode stats = receiver.stats();
        double seconds = Bench.seconds(from, System.nanoTime());
        CpuUse used = bench.stack().cpu().since(before);
        producing.join();
        long answered = stats.path("answered").asLong();
        JsonNode latency = stats.path("latencyMicros");
        return new CurveStep(offered, answered / seconds, LatencyScenario.millis(latency, "p50"), LatencyScenario.millis(latency, "p95"),
                LatencyScenario.millis(latency, "p99"), LatencyScenario.millis(latency, "max"), cpuPerDelivery(used, answered), Machine.loadAverage());
    }

    /** µs of CPU per delivery of each process and of the totals the other scenarios report; empty without deliveries. */
    static Map<String, Double> cpuPerDelivery(CpuUse used, long deliveries) {
        Map<String, Double> micros = new LinkedHashMap<>();
        if (deliveries == 0) {
            return micros;
        }
        List<List<Part>> columns = List.of(List.of(Part.BROKER), List.of(Part.ROUTER), List.of(Part.WORKER), List.of(Part.RECEIVER),
                List.of(Part.HARNESS), Part.PIPELINE, Part.WITH_RECEIVER);
        for (List<Part> parts : columns) {
            if (parts.stream().allMatch(used::has)) {
                micros.put(CpuFigures.label(parts), CpuFigures.microsPer(used, deliveries, parts));
            }
        }
        return micros;
    }
}
