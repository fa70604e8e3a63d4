package dev.hooklane.benchmarks.scenario;

import dev.hooklane.benchmarks.cpu.CpuSample;
import dev.hooklane.benchmarks.harness.BenchmarkStack;
import dev.hooklane.benchmarks.harness.Pause;
import dev.hooklane.benchmarks.report.Machine;
import dev.hooklane.benchmarks.report.Results;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every scenario works with: the running stack, the scale and where figures go. */
public record Bench(BenchmarkStack stack, Scale scale, Results results) {

    private static final Logger log = LoggerFactory.getLogger(Bench.class);
    /** How often, in seconds, the warm-up looks at the JIT compilers. */
    private static final long COMPILER_STEP_SECONDS = 5;
    private static final Duration COMPILER_STEP = Duration.ofSeconds(COMPILER_STEP_SECONDS);

    /**
     * Lets a scenario's load run for {@code atLeast}, then on until the JVMs' JIT compilers have
     * settled: until their threads, every process's together, used at most {@link Scale#settledCompiling()}
     * of one core over the last {@value #COMPILER_STEP_SECONDS} s, or {@link Scale#compilingPatience()}
     * has passed. A JVM a few seconds old spends a large part of its CPU compiling (a third of the
     * router's in a 10 s warm-up); one that has run for hours does not, and the windows measure
     * that one. Notes how long it took and where the compilers stood; returns the time it took.
     */
    public Duration warmUp(String scenario, Duration atLeast) {
        long start = System.nanoTime();
        Pause.of(atLeast);
        if (scale.compilingPatience().isZero()) {
            results.note(scenario, String.format(Locale.ROOT, "warm-up %d s, not waiting for the JIT compilers", atLeast.toSeconds()));
            return atLeast;
        }
        return settle(scenario, start, String.format(Locale.ROOT, "at least %d s, then", atLeast.toSeconds()),
                () -> Pause.of(COMPILER_STEP), COMPILER_STEP_SECONDS + " s");
    }

    /**
     * Warms up a scenario whose load comes in rounds (a drain, one big fan-out): runs {@code round}
     * once, then again until the JIT compilers of every process together used at most
     * {@link Scale#settledCompiling()} of one core over the last round, or
     * {@link Scale#compilingPatience()} has passed; once only when the scale does not wait for them.
     * Returns the time it took.
     */
    public Duration warmUpInRounds(String scenario, Runnable round) {
        long start = System.nanoTime();
        if (scale.compilingPatience().isZero()) {
            round.run();
            results.note(scenario, "warm-up: one round, not waiting for the JIT compilers");
            return Duration.ofNanos(System.nanoTime() - start);
        }
        return settle(scenario, start, "rounds", round, "a round");
    }

    private Duration settle(String scenario, long start, String before, Runnable step, String stepName) {
        long patienceEnd = System.nanoTime() + scale.compilingPatience().toNanos();
        CpuSample last = stack.cpu();
        double share;
        do {
            step.run();
            CpuSample now = stack.cpu();
            share = now.compilingSince(last).toNanos() / (double) (now.nanoTime() - last.nanoTime());
            last = now;
            log.info("{}: warming up, the JIT compilers used {}% of a core over the last {}", scenario,
                    String.format(Locale.ROOT, "%.1f", share * 100), stepName);
        } while (share > scale.settledCompiling() && System.nanoTime() < patienceEnd);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        results.note(scenario, String.format(Locale.ROOT, "warm-up %d s: %s until the JIT compilers of every process "
                        + "together used at most %.0f%% of a core over %s (at most %d s more); they used %.1f%% at its end%s",
                took.toSeconds(), before, scale.settledCompiling() * 100, stepName,
                scale.compilingPatience().toSeconds(), share * 100, share <= scale.settledCompiling() ? "" : " (not settled)"));
        return took;
    }

    /** Samples the load average for {@code scenario}. */
    public void sampleLoad(String scenario) {
        results.loadAverage(scenario, Machine.loadAverage());
    }

    /** Waits until {@code done} holds or {@code patience} ran out; returns whether it holds. */
    public static boolean await(BooleanSupplier done, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return true;
            }
            Pause.of(Duration.ofMillis(50));
        }
        return done.getAsBoolean();
    }

    public static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
