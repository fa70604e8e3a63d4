package dev.hooklane.benchmarks;

import dev.hooklane.benchmarks.harness.BenchmarkStack;
import dev.hooklane.benchmarks.report.ReportWriter;
import dev.hooklane.benchmarks.report.Results;
import dev.hooklane.benchmarks.scenario.Bench;
import dev.hooklane.benchmarks.scenario.CeilingScenarios;
import dev.hooklane.benchmarks.scenario.FanOutScenario;
import dev.hooklane.benchmarks.scenario.LatencyScenario;
import dev.hooklane.benchmarks.scenario.MicroBenchmarks;
import dev.hooklane.benchmarks.scenario.PeerScenario;
import dev.hooklane.benchmarks.scenario.RetryScenario;
import dev.hooklane.benchmarks.scenario.Scale;
import dev.hooklane.benchmarks.scenario.ThroughputScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every benchmark scenario and writes the report: {@code bin/benchmark} is the way in.
 *
 * <pre>
 * BenchmarkMain [--smoke] [--profile] [--report-dir DIR] [--work-dir DIR] [--peer-classpath FILE] [--command TEXT] [--commit ID]
 * </pre>
 */
public final class BenchmarkMain {

    private static final Logger log = LoggerFactory.getLogger(BenchmarkMain.class);

    private BenchmarkMain() {
    }

    /** What one invocation is asked to do. */
    record Options(Scale scale, boolean profile, Path reportDir, Path workDir, Optional<Path> peerClassPath, String command, String commit) {

        static Options parse(String[] args) throws IOException {
            Scale scale = Scale.full();
            boolean profile = false;
            Path reportDir = Path.of("docs");
            Path workDir = null;
            Optional<Path> peer = Optional.empty();
            String command = "bin/benchmark";
            String commit = "unknown";
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--smoke" -> scale = Scale.smoke();
                    case "--profile" -> profile = true;
                    case "--report-dir" -> reportDir = Path.of(args[++i]);
                    case "--work-dir" -> workDir = Path.of(args[++i]);
                    case "--peer-classpath" -> peer = Optional.of(Path.of(args[++i]));
                    case "--command" -> command = args[++i];
                    case "--commit" -> commit = args[++i];
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            return new Options(scale, profile, reportDir, workDir != null ? workDir : Files.createTempDirectory("hooklane-benchmark"),
                    peer, command, commit);
        }
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        Results results = run(options);
        Files.createDirectories(options.reportDir());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("commit", options.commit());
        settings.putAll(options.scale().describe());
        ReportWriter writer = new ReportWriter(results, settings, options.command());
        writer.writeJson(options.reportDir().resolve("benchmarks.json"));
        writer.writeMarkdown(options.reportDir().resolve("benchmarks.md"));
        log.info("Wrote {} and benchmarks.json; logs in {}", options.reportDir().resolve("benchmarks.md"), options.workDir());
    }

    /** Runs every scenario; a scenario that fails is noted in the results and the others still run. */
    static Results run(Options options) {
        Results results = new Results();
        try (BenchmarkStack stack = BenchmarkStack.start(options.workDir(), options.profile())) {
            Bench bench = new Bench(stack, options.scale(), results);
            step(results, ThroughputScenario.NAME, () -> ThroughputScenario.run(bench));
            step(results, LatencyScenario.LATENCY, () -> LatencyScenario.runLatency(bench));
            step(results, LatencyScenario.ISOLATION, () -> LatencyScenario.runIsolation(bench));
            step(results, FanOutScenario.NAME, () -> FanOutScenario.run(bench));
            step(results, RetryScenario.NAME, () -> RetryScenario.run(bench));
            step(results, CeilingScenarios.NAME, () -> CeilingScenarios.runKafka(bench));
            step(results, CeilingScenarios.NAME, () -> CeilingScenarios.runHttp(bench));
            step(results, CeilingScenarios.NAME, () -> CeilingScenarios.runWrk(bench));
            step(results, PeerScenario.NAME, () -> PeerScenario.run(bench, options.peerClassPath()));
        }
        if (options.scale().micro()) {
            step(results, MicroBenchmarks.NAME, () -> MicroBenchmarks.run(results));
        }
        return results;
    }

    private static void step(Results results, String scenario, Runnable body) {
        long start = System.nanoTime();
        log.info("Running {} ...", scenario);
        try {
            body.run();
        } catch (RuntimeException e) {
            results.note(scenario, "failed: " + e);
            log.error("{} failed", scenario, e);
        } finally {
            results.took(scenario, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
