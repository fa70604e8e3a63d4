package dev.hooklane.benchmarks.scenario;

import dev.hooklane.benchmarks.harness.EventLoad;
import dev.hooklane.benchmarks.harness.Pipeline;
import dev.hooklane.benchmarks.harness.ReceiverClient;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Brings a fresh pipeline's JVMs to the state of a worker that has run for hours before a
 * scenario at a fixed rate measures it: load at that rate, bounded like the throughput scenario's
 * so that a pipeline slower than the rate while it compiles builds no backlog, until the JIT
 * compilers have settled ({@link Bench#warmUp}); then the load stops and what is outstanding is
 * delivered, so the scenario starts on warm JVMs and an empty queue.
 */
final class PipelineWarmUp {

    private static final int MAX_OUTSTANDING = 20_000;
    /** A backlog counts as delivered when nothing more arrived for this long. */
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration DRAIN_PATIENCE = Duration.ofSeconds(60);

    private PipelineWarmUp() {
    }

    /** Runs it with the receiver answering every request; leaves the receiver in {@link ReceiverMode#OK}. */
    static void run(Bench bench, String scenario, Pipeline pipeline, double eventsPerSecond) {
        ReceiverClient receiver = bench.stack().receiver();
        receiver.reset(ReceiverMode.OK);
        Duration loadAtMost = bench.scale().longestWarmUp();
        try (EventLoad load = new EventLoad(pipeline.kafka())) {
            ThroughputScenario.OutstandingBound bound = new ThroughputScenario.OutstandingBound(receiver, ThroughputScenario.FAN_OUT,
                    MAX_OUTSTANDING);
            CompletableFuture<Long> producing = CompletableFuture.supplyAsync(
                    () -> load.run(eventsPerSecond, loadAtMost, ThroughputScenario::type, bound::mayProduce));
            bench.warmUp(scenario, bench.scale().warmUp());
            load.stop();
            long sent = producing.join();
            String drained = receiver.awaitQuiet(QUIET, DRAIN_PATIENCE)
                    .map(last -> String.format(Locale.ROOT, "its backlog was delivered %d s after it stopped", last.toSeconds()))
                    .orElse(String.format(Locale.ROOT, "deliveries still arrived %d s after it stopped", DRAIN_PATIENCE.toSeconds()));
            bench.results().note(scenario, String.format(Locale.ROOT, "the warm-up sent %,d events (at most %,d deliveries outstanding); %s",
                    sent, MAX_OUTSTANDING, drained));
        }
    }
}
