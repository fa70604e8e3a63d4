package dev.hooklane.benchmarks.scenario;

import dev.hooklane.benchmarks.harness.BenchmarkStack;
import dev.hooklane.benchmarks.harness.Pause;
import dev.hooklane.benchmarks.report.Machine;
import dev.hooklane.benchmarks.report.Results;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What every scenario works with: the running stack, the scale and where figures go. */
public record Bench(BenchmarkStack stack, Scale scale, Results results) {

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
