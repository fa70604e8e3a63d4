package dev.hooklane.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.benchmarks.harness.EventLoad;
import dev.hooklane.benchmarks.harness.Pipeline;
import dev.hooklane.benchmarks.harness.ReceiverClient;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import dev.hooklane.benchmarks.report.Figure;
import dev.hooklane.benchmarks.report.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 4: one event to every one of {@link Scale#fanOut()} subscriptions (spread over the
 * receiver's 100 endpoints); the time from the event's time to the last delivery's arrival.
 */
public final class FanOutScenario {

    public static final String NAME = "4. Big fan-out";
    private static final String TYPE = "bench.fan-out";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private FanOutScenario() {
    }

    public static void run(Bench bench) {
        int subscriptions = bench.scale().fanOut();
        List<Double> untilLast = new ArrayList<>();
        List<Double> untilFirst = new ArrayList<>();
        try (Pipeline pipeline = Pipeline.prepare(bench.stack(), "b4.", RetryScenario.SCHEDULE)
                .subscribe(subscriptions, ThroughputScenario.SUBSCRIPTIONS, i -> TYPE).startRouterAndWorker();
             EventLoad load = new EventLoad(pipeline.kafka())) {
            bench.warmUpInRounds(NAME, () -> send(bench, load, subscriptions, "warm-up"));
            for (int run = 0; run < bench.scale().runs(); run++) {
                FannedOut fannedOut = send(bench, load, subscriptions, "run " + (run + 1));
                untilLast.add((fannedOut.stats().path("lastArrivalMicros").asLong() - fannedOut.sentMicros()) / 1000.0);
                untilFirst.add((fannedOut.stats().path("firstArrivalMicros").asLong() - fannedOut.sentMicros()) / 1000.0);
                bench.sampleLoad(NAME);
            }
            bench.results().note(NAME, pipeline.workerMetrics().workerSummary());
        }
        bench.results().note(NAME, "each event's time is taken just before its send");
        bench.results().add(Figure.of("fanOut.untilFirstMs", NAME, String.format(Locale.ROOT, "one event → first of %,d deliveries", subscriptions),
                "ms", untilFirst));
        bench.results().add(Figure.of("fanOut.untilLastMs", NAME, String.format(Locale.ROOT, "one event → last of %,d deliveries", subscriptions),
                "ms", untilLast).withTarget(Target.atMost(2_000, "< 2 s")));
    }

    /** When an event was sent and the receiver's counts once all its deliveries arrived (or the patience ran out). */
    private record FannedOut(long sentMicros, JsonNode stats) {
    }

    private static FannedOut send(Bench bench, EventLoad load, int subscriptions, String which) {
        ReceiverClient receiver = bench.stack().receiver();
        receiver.reset(ReceiverMode.OK);
        long sentMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        load.send(TYPE);
        boolean all = Bench.await(() -> receiver.answered() >= subscriptions, PATIENCE);
        JsonNode stats = receiver.stats();
        if (!all) {
            bench.results().note(NAME, String.format(Locale.ROOT, "%s: only %d of %,d deliveries within %d s", which,
                    stats.path("answered").asLong(), subscriptions, PATIENCE.toSeconds()));
        }
        return new FannedOut(sentMicros, stats);
    }
}
