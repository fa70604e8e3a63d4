package dev.hooklane.benchmarks.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long and how often each scenario runs. Sustained runs of 60 s each would take an hour on two
 * cores; to fit every scenario into about a quarter of an hour, the full run takes several shorter
 * windows instead.
 *
 * @param warmUp load before the first measured window
 * @param window one measured run
 * @param runs measured runs per scenario (their median, min and max are reported)
 * @param kafkaRecords job records per run of the Kafka ceiling
 * @param peerJobs jobs drained per run by our worker and by the peer
 * @param fanOut subscriptions of the big fan-out scenario
 * @param retryEvents events per run of the retry scenario (each fans out to 10 jobs)
 * @param isolationWarmUp load before the isolation scenario's first window: past the worker's 15 s
 *     response timeout, so that hung requests have timed out and their circuits opened
 * @param ceilingWarmUp, ceilingWindow warm-up and measured window of the HTTP and wrk ceilings
 * @param curve warm-up and window of each step of the latency curve, and how long a step's backlog may take to drain
 * @param micro whether the JMH micro-benchmarks run
 * @param settledCompiling the share of one core under which the JIT compilers of every process together count as settled
 * @param compilingPatience how long a warm-up waits past its least length for the compilers to settle
 */
public record Scale(Duration warmUp, Duration isolationWarmUp, Duration window, Duration ceilingWarmUp, Duration ceilingWindow, int runs,
                    int kafkaRecords, int peerJobs, int fanOut, int retryEvents, CurveScale curve, boolean micro, double settledCompiling,
                    Duration compilingPatience) {

    /**
     * The steps of the latency curve.
     *
     * @param warmUp load at the step's rate before its window
     * @param window the step's measured window
     * @param settle the most a step waits, its load stopped, for its backlog to be delivered before the next step
     */
    public record CurveScale(Duration warmUp, Duration window, Duration settle) {
    }

    /** The documented run: about a quarter of an hour on the 2-core machine. */
    public static Scale full() {
        return new Scale(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(10), 3,
                200_000, 25_000, 10_000, 300, new CurveScale(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)), true,
                0.10, Duration.ofSeconds(240));
    }

    /** A few hundred deliveries per scenario: proves the wiring, measures nothing worth reporting. */
    public static Scale smoke() {
        return new Scale(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(2), 1,
                2_000, 300, 200, 20, new CurveScale(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5)), false,
                0, Duration.ZERO);
    }

    /**
     * The longest {@link Bench#warmUp} of a scenario can take: its least length, the patience, and
     * the step of the compilers' account it may overrun the patience by, with a margin. What loads a
     * pipeline through a warm-up runs at least this long, and is stopped when the windows end.
     */
    public Duration longestWarmUp() {
        return warmUp.plus(compilingPatience).plusSeconds(10);
    }

    public Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("warm-up", warmUp.toSeconds() + " s");
        described.put("isolation warm-up", isolationWarmUp.toSeconds() + " s");
        described.put("window", window.toSeconds() + " s");
        described.put("ceiling warm-up", ceilingWarmUp.toSeconds() + " s");
        described.put("ceiling window", ceilingWindow.toSeconds() + " s");
        described.put("runs", runs);
        described.put("Kafka ceiling records/run", kafkaRecords);
        described.put("peer jobs/run", peerJobs);
        described.put("big fan-out subscriptions", fanOut);
        described.put("retry events/run", retryEvents);
        described.put("curve step warm-up", curve.warmUp().toSeconds() + " s");
        described.put("curve step window", curve.window().toSeconds() + " s");
        described.put("warm-up until the JIT compilers use at most", Math.round(settledCompiling * 100) + " % of a core");
        described.put("warm-up waits for the JIT compilers at most", compilingPatience.toSeconds() + " s");
        return described;
    }
}
