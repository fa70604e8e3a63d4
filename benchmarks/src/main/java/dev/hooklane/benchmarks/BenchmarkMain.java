package dev.hooklane.benchmarks;

import dev.hooklane.benchmarks.harness.BenchmarkStack;
import dev.hooklane.benchmarks.harness.TransactionStalls;
import dev.hooklane.benchmarks.report.Figure;
import dev.hooklane.benchmarks.report.LatencyCurveSvg;
import dev.hooklane.benchmarks.report.ReportWriter;
import dev.hooklane.benchmarks.report.Results;
import dev.hooklane.benchmarks.report.Target;
import dev.hooklane.benchmarks.scenario.Bench;
import dev.hooklane.benchmarks.scenario.CeilingScenarios;
import dev.hooklane.benchmarks.scenario.FanOutScenario;
import dev.hooklane.benchmarks.scenario.CommitIntervalScenario;
import dev.hooklane.benchmarks.scenario.LatencyCurveScenario;
import dev.hooklane.benchmarks.scenario.LatencyScenario;
import dev.hooklane.benchmarks.scenario.MicroBenchmarks;
import dev.hooklane.benchmarks.scenario.PeerScenario;
import dev.hooklane.benchmarks.scenario.RetryScenario;
import dev.hooklane.benchmarks.scenario.Scale;
import dev.hooklane.benchmarks.scenario.Scenario;
import dev.hooklane.benchmarks.scenario.ThroughputScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the benchmark scenarios and writes the report: {@code bin/benchmark} is the way in.
 *
 * <pre>
 * BenchmarkMain [--smoke] [--only KEY,KEY...] [--profile] [--report-dir DIR] [--work-dir DIR] [--peer-classpath FILE] [--command TEXT] [--commit ID]
 * </pre>
 *
 * <p>The report goes to {@code docs/} only from a full run at full scale; a smoke run writes to
 * {@value #SMOKE_REPORTS} and a run of some scenarios to {@value #PARTIAL_REPORTS}, unless
 * {@code --report-dir} says otherwise.
 */
public final class BenchmarkMain {

    static final String SMOKE_REPORTS = "benchmarks/target/benchmark-smoke";
    static final String PARTIAL_REPORTS = "benchmarks/target/benchmark-partial";
    /** The latency curve's picture, next to the Markdown report. */
    static final String CURVE_SVG = "benchmark-latency.svg";
    private static final String WHOLE_RUN = "Whole run";
    private static final Logger log = LoggerFactory.getLogger(BenchmarkMain.class);

    private BenchmarkMain() {
    }

    /** What one invocation is asked to do. */
    record Options(Scale scale, Set<Scenario> scenarios, boolean profile, Path reportDir, Path workDir, Optional<Path> peerClassPath,
                   String command, String commit) {

        static Options parse(String[] args) throws IOException {
            boolean smoke = false;
            Set<Scenario> scenarios = EnumSet.allOf(Scenario.class);
            boolean profile = false;
            Path reportDir = null;
            Path workDir = null;
            Optional<Path> peer = Optional.empty();
            String command = "bin/benchmark";
            String commit = "unknown";
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--smoke" -> smoke = true;
                    case "--only" -> scenarios = Scenario.only(value(args, ++i));
                    case "--profile" -> profile = true;
                    case "--report-dir" -> reportDir = Path.of(value(args, ++i));
                    case "--work-dir" -> workDir = Path.of(value(args, ++i));
                    case "--peer-classpath" -> peer = Optional.of(Path.of(value(args, ++i)));
                    case "--command" -> command = value(args, ++i);
                    case "--commit" -> commit = value(args, ++i);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (reportDir == null) {
                boolean partial = scenarios.size() < Scenario.values().length;
                reportDir = Path.of(smoke ? SMOKE_REPORTS : partial ? PARTIAL_REPORTS : "docs");
            }
            return new Options(smoke ? Scale.smoke() : Scale.full(), scenarios, profile, reportDir,
                    workDir != null ? workDir : Files.createTempDirectory("hooklane-benchmark"), peer, command, commit);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        boolean runs(Scenario scenario) {
            return scenarios.contains(scenario);
        }
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        Results results = run(options);
        Files.createDirectories(options.reportDir());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("commit", options.commit());
        settings.put("scenarios", Scenario.describe(options.scenarios()));
        settings.putAll(options.scale().describe());
        ReportWriter writer = new ReportWriter(results, settings, options.command());
        writer.writeJson(options.reportDir().resolve("benchmarks.json"));
        Path picture = options.reportDir().resolve(CURVE_SVG);
        if (results.curve().isEmpty()) {
            // A picture left by an earlier run would sit next to a report it does not belong to.
            Files.deleteIfExists(picture);
        } else {
            new LatencyCurveSvg(results.curve(), options.commit() + ", " + results.started().toString().substring(0, 10)).write(picture);
        }
        writer.writeMarkdown(options.reportDir().resolve("benchmarks.md"), results.curve().isEmpty() ? Optional.empty() : Optional.of(CURVE_SVG));
        System.out.printf("Report: %s (with benchmarks.json%s); logs of every process in %s%n", options.reportDir().resolve("benchmarks.md"),
                results.curve().isEmpty() ? "" : " and " + CURVE_SVG, options.workDir().resolve("logs"));
    }

    /** Runs the chosen scenarios; a scenario that fails is noted in the results and the others still run. */
    static Results run(Options options) {
        Results results = new Results();
        if (options.scenarios().stream().anyMatch(Scenario::needsStack)) {
            TransactionStalls stalls;
            try (BenchmarkStack stack = BenchmarkStack.start(options.workDir(), options.profile())) {
                Bench bench = new Bench(stack, options.scale(), results);
                stalls = new TransactionStalls(stack.brokerLog());
                Steps steps = new Steps(options, results, Optional.of(stalls));
                steps.run(Scenario.THROUGHPUT, ThroughputScenario.NAME, () -> ThroughputScenario.run(bench));
                steps.run(Scenario.LATENCY, LatencyScenario.LATENCY, () -> LatencyScenario.runLatency(bench));
                steps.run(Scenario.ISOLATION, LatencyScenario.ISOLATION, () -> LatencyScenario.runIsolation(bench));
                steps.run(Scenario.FAN_OUT, FanOutScenario.NAME, () -> FanOutScenario.run(bench));
                steps.run(Scenario.RETRIES, RetryScenario.NAME, () -> RetryScenario.run(bench));
                steps.run(Scenario.KAFKA_CEILING, CeilingScenarios.NAME, () -> CeilingScenarios.runKafka(bench));
                steps.run(Scenario.HTTP_CEILING, CeilingScenarios.NAME, () -> CeilingScenarios.runHttp(bench));
                steps.run(Scenario.WRK_CEILING, CeilingScenarios.NAME, () -> CeilingScenarios.runWrk(bench));
                ThroughputScenario.compareWorkerCpuWithHttpCeiling(bench);
                steps.run(Scenario.PEER, PeerScenario.NAME, () -> PeerScenario.run(bench, options.peerClassPath()));
                steps.run(Scenario.CURVE, LatencyCurveScenario.NAME, () -> LatencyCurveScenario.run(bench));
                steps.run(Scenario.COMMIT_INTERVAL, CommitIntervalScenario.NAME, () -> CommitIntervalScenario.run(bench));
            }
            wholeRun(results, stalls.total());
        }
        if (options.scale().micro()) {
            new Steps(options, results, Optional.empty()).run(Scenario.MICRO, MicroBenchmarks.NAME, () -> MicroBenchmarks.run(results));
        }
        return results;
    }

    /** Runs the chosen scenarios' steps, timing each and counting the transaction stalls the broker logged meanwhile. */
    private record Steps(Options options, Results results, Optional<TransactionStalls> stalls) {

        void run(Scenario scenario, String name, Runnable body) {
            if (!options.runs(scenario)) {
                return;
            }
            Optional<TransactionStalls.Mark> mark = stalls.map(TransactionStalls::mark);
            long start = System.nanoTime();
            log.info("Running {} ({}) ...", name, scenario.key());
            try {
                body.run();
            } catch (RuntimeException e) {
                results.note(name, "failed: " + e);
                log.error("{} failed", name, e);
            } finally {
                results.took(name, Duration.ofNanos(System.nanoTime() - start));
                mark.ifPresent(since -> stallFigure(scenario, name, stalls.orElseThrow().since(since)));
            }
        }

        private void stallFigure(Scenario scenario, String name, TransactionStalls.Count count) {
            results.add(Figure.of(scenario.key() + ".transactionStallErrors", name,
                    "transaction stall errors in the broker log (" + scenario.key() + ")", "count", List.of((double) count.inBrokerLog())));
            if (count.inBrokerLog() > 0 || count.routerRetries() > 0) {
                results.note(name, scenario.key() + ": " + describe(count));
            }
        }
    }

    private static void wholeRun(Results results, TransactionStalls.Count count) {
        results.add(Figure.of("run.transactionStallErrors", WHOLE_RUN, "transaction stall errors in the broker log, whole run", "count",
                List.of((double) count.inBrokerLog())).withTarget(Target.atMost(0, "0")));
        results.note(WHOLE_RUN, describe(count));
    }

    private static String describe(TransactionStalls.Count count) {
        return String.format(Locale.ROOT, "the broker refused %,d produces with CONCURRENT_TRANSACTIONS and %,d with "
                + "OUT_OF_ORDER_SEQUENCE_NUMBER; the routers' producers logged %,d retries for these errors",
                count.concurrentTransactions(), count.outOfOrderSequence(), count.routerRetries());
    }
}
