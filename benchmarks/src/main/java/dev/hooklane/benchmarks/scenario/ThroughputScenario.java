package dev.hooklane.benchmarks.scenario;

import dev.hooklane.benchmarks.cpu.Part;
import dev.hooklane.benchmarks.harness.EventLoad;
import dev.hooklane.benchmarks.harness.MetricsScrape;
import dev.hooklane.benchmarks.harness.Pause;
import dev.hooklane.benchmarks.harness.Pipeline;
import dev.hooklane.benchmarks.harness.ReceiverClient;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import dev.hooklane.benchmarks.report.Figure;
import dev.hooklane.benchmarks.report.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 1: events produced to Kafka, fan-out 10 over 100 subscriptions, 1 KiB payloads, as
 * fast as the pipeline delivers them. The generator offers more than the target but keeps at most
 * {@value #MAX_OUTSTANDING} deliveries outstanding, so the pipeline runs flat out without a
 * backlog that would outlive the scenario.
 */
public final class ThroughputScenario {

    public static final String NAME = "1. Throughput";
    static final String KEY = "throughput";
    /** The key of the worker's CPU per delivery. */
    static final String WORKER_CPU = CpuFigures.figureKey(KEY, List.of(Part.WORKER));
    /** The key of the worker's mean number of requests in flight in the measured windows. */
    private static final String IN_FLIGHT = KEY + ".workerRequestsInFlight";
    static final int SUBSCRIPTIONS = 100;
    static final int FAN_OUT = 10;
    static final int MAX_OUTSTANDING = 20_000;
    private static final double OFFERED_EVENTS_PER_SECOND = 4_000;

    private ThroughputScenario() {
    }

    /** Event type {@code i mod 10}: subscription {@code i} listens to it, so each event matches 10 subscriptions. */
    static String type(int i) {
        return "bench.type-" + i % FAN_OUT;
    }

    public static void run(Bench bench) {
        ReceiverClient receiver = bench.stack().receiver();
        Duration loadAtMost = bench.scale().longestWarmUp().plus(bench.scale().window().multipliedBy(bench.scale().runs())).plusSeconds(1);
        List<Double> rates = new ArrayList<>();
        List<Double> inFlight = new ArrayList<>();
        try (Pipeline pipeline = Pipeline.prepare(bench.stack(), "b1.", RetryScenario.SCHEDULE)
                .subscribe(SUBSCRIPTIONS, SUBSCRIPTIONS, ThroughputScenario::type).startRouterAndWorker();
             EventLoad load = new EventLoad(pipeline.kafka())) {
            receiver.reset(ReceiverMode.OK);
            CpuFigures cpu = CpuFigures.ofPipeline(bench, NAME, KEY, pipeline);
            OutstandingBound bound = new OutstandingBound(receiver, FAN_OUT, MAX_OUTSTANDING);
            CompletableFuture<Long> producing = CompletableFuture.supplyAsync(
                    () -> load.run(OFFERED_EVENTS_PER_SECOND, loadAtMost, ThroughputScenario::type, bound::mayProduce));
            long loadStart = System.nanoTime();
            bench.warmUp(NAME, bench.scale().warmUp());
            for (int run = 0; run < bench.scale().runs(); run++) {
                double attemptSecondsFrom = attemptSeconds(pipeline);
                CpuFigures.Mark mark = cpu.start();
                long fromCount = receiver.answered();
                long from = System.nanoTime();
                Pause.of(bench.scale().window());
                long delivered = receiver.answered() - fromCount;
                double seconds = Bench.seconds(from, System.nanoTime());
                rates.add(delivered / seconds);
                cpu.end(mark, delivered);
                inFlight.add((attemptSeconds(pipeline) - attemptSecondsFrom) / seconds);
                bench.sampleLoad(NAME);
            }
            load.stop();
            long sent = producing.join();
            long loadSeconds = Math.round(Bench.seconds(loadStart, System.nanoTime()));
            bench.results().note(NAME, pipeline.workerMetrics().workerSummary());
            bench.results().note(NAME, String.format(java.util.Locale.ROOT,
                    "offered up to %.0f events/s (%.0f deliveries/s) with at most %,d deliveries outstanding; %,d events sent in %d s, %d refused by Kafka",
                    OFFERED_EVENTS_PER_SECOND, OFFERED_EVENTS_PER_SECOND * FAN_OUT, MAX_OUTSTANDING, sent, loadSeconds, load.failed()));
            bench.results().add(Figure.of("throughput.deliveriesPerSecond", NAME, "deliveries/s, fan-out 10, 1 KiB, 100 subscriptions",
                            "deliveries/s", rates)
                    .withTarget(Target.atLeast(20_000, "≥ 20,000/s"))
                    .comparedWith(CeilingScenarios.KAFKA_CONSUME, CeilingScenarios.HTTP, CeilingScenarios.WRK));
            cpu.pipelineFigures(Optional.of(Target.atMost(90, "≤ 90 µs")));
        }
        if (!inFlight.isEmpty() && inFlight.stream().allMatch(requests -> requests > 0)) {
            Figure workerHad = Figure.of(IN_FLIGHT, NAME, "the worker's requests in flight, mean (its attempts' seconds per second)",
                    "requests", inFlight);
            bench.results().add(workerHad);
            CeilingScenarios.runHttpAt(bench, NAME, (int) Math.round(workerHad.median()));
        }
    }

    /** The seconds the worker's attempts took, all together, since it started: their mean number in flight, integrated over time. */
    private static double attemptSeconds(Pipeline pipeline) {
        MetricsScrape metrics = pipeline.workerMetrics();
        String name = "webhook_delivery_attempt_duration_seconds_sum";
        return metrics.has(name) ? metrics.sum(name, "") : Double.NaN;
    }

    /**
     * The worker's CPU per delivery in each window of this scenario, as a multiple of the CPU per
     * request of the raw HTTP ceiling (the harness JVM posting the same signed bodies with the
     * worker's HTTP client and as many requests in flight as the worker had, right after this
     * scenario's windows): what the worker spends beyond making the request. Both must have run. Also, without a target, the same
     * against the ceiling with its fixed 1,024 requests in flight (a request costs more the more
     * connections are busy at once).
     */
    public static void compareWorkerCpuWithHttpCeiling(Bench bench) {
        Optional<Figure> worker = bench.results().figure(WORKER_CPU);
        if (worker.isEmpty()) {
            return;
        }
        bench.results().figure(CeilingScenarios.HTTP_AT_WORKER_CONCURRENCY_CPU).ifPresent(ceiling -> bench.results().add(Figure.of(
                        KEY + ".workerCpuToHttpCeilingAtWorkerConcurrency", NAME,
                        "worker's CPU per delivery / raw HTTP ceiling's CPU per request, as many requests in flight as the worker had (harness JVM)",
                        "ratio", perRequestRatios(worker.get(), ceiling))
                .withTarget(Target.atMost(1.5, "≤ 1.5×"))));
        bench.results().figure(CeilingScenarios.HTTP_CPU).ifPresent(ceiling -> bench.results().add(Figure.of(KEY + ".workerCpuToHttpCeiling", NAME,
                "worker's CPU per delivery / raw HTTP ceiling's CPU per request, 1,024 in flight (harness JVM)", "ratio",
                perRequestRatios(worker.get(), ceiling))));
    }

    private static List<Double> perRequestRatios(Figure worker, Figure ceiling) {
        double perRequest = ceiling.median();
        return worker.runs().stream().map(micros -> micros / perRequest).toList();
    }

    /** Lets the generator go on while fewer than {@code max} deliveries are outstanding; asks the receiver at most every 20 ms. */
    static final class OutstandingBound {
        private final ReceiverClient receiver;
        private final int fanOut;
        private final long max;
        private long delivered;
        private long askedAt;

        OutstandingBound(ReceiverClient receiver, int fanOut, long max) {
            this.receiver = receiver;
            this.fanOut = fanOut;
            this.max = max;
        }

        boolean mayProduce(long eventsSent) {
            if (eventsSent * fanOut - delivered <= max) {
                return true;
            }
            long now = System.nanoTime();
            if (now - askedAt > 20_000_000L) {
                delivered = receiver.answered();
                askedAt = now;
            }
            return eventsSent * fanOut - delivered <= max;
        }
    }
}
