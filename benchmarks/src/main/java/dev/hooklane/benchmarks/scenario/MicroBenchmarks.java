package dev.hooklane.benchmarks.scenario;

import dev.hooklane.benchmarks.micro.JobCodecBenchmark;
import dev.hooklane.benchmarks.micro.OffsetTrackerBenchmark;
import dev.hooklane.benchmarks.micro.RenderingBenchmark;
import dev.hooklane.benchmarks.micro.SigningBenchmark;
import dev.hooklane.benchmarks.micro.SsrfBenchmark;
import dev.hooklane.benchmarks.micro.DestinationsBenchmark;
import dev.hooklane.benchmarks.report.Figure;
import dev.hooklane.benchmarks.report.Machine;
import dev.hooklane.benchmarks.report.Results;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

/**
 * Scenario 8: JMH micro-benchmarks of signing, body rendering, the SSRF check, the offset tracker,
 * a job's JSON codec and target resolution, in a forked JVM.
 */
public final class MicroBenchmarks {

    public static final String NAME = "8. Micro (JMH)";

    private MicroBenchmarks() {
    }

    public static void run(Results results) {
        Options options = new OptionsBuilder()
                .include(SigningBenchmark.class.getName())
                .include(RenderingBenchmark.class.getName())
                .include(SsrfBenchmark.class.getName())
                .include(OffsetTrackerBenchmark.class.getName())
                .include(JobCodecBenchmark.class.getName())
                .include(DestinationsBenchmark.class.getName())
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgs("-Xmx512m")
                .build();
        Collection<RunResult> runs;
        try {
            runs = new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
        for (RunResult result : runs) {
            String benchmark = result.getParams().getBenchmark();
            String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            List<Double> iterations = new ArrayList<>();
            result.getBenchmarkResults().forEach(b -> b.getIterationResults().forEach(i -> iterations.add(i.getPrimaryResult().getScore())));
            results.add(Figure.of("micro." + shortName, NAME, shortName + " (JMH, average per call)", "ns", iterations));
        }
        results.note(NAME, "1 fork, 1 × 1 s warm-up, 3 × 1 s measured iterations; the runs column counts iterations");
        results.loadAverage(NAME, Machine.loadAverage());
    }
}
