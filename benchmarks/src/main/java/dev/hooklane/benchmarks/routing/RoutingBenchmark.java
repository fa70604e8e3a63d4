package dev.hooklane.benchmarks.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of routing one event with 10 matches as the index grows from 10k to 1M subscriptions
 * (spread over 10k event types). It must stay flat: the index answers with a few prefix scans.
 * {@code filters=expressions} gives every candidate a CEL filter expression instead of the few
 * attribute conditions; it must stay within twice the cost of {@code filters=attributes}. Run by
 * hand; see docs/benchmarks.md, "Routing cost".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
public class RoutingBenchmark {

    @Param({"10000", "100000", "1000000"})
    public int subscriptions;

    @Param({"attributes", "expressions"})
    public String filters;

    private RoutingFixture fixture;
    private Path stateDir;

    @Setup
    public void fill() throws IOException {
        stateDir = Files.createTempDirectory("routing-benchmark");
        fixture = new RoutingFixture(subscriptions, RoutingFixture.Filters.valueOf(filters.toUpperCase(Locale.ROOT)), stateDir);
    }

    @TearDown
    public void close() throws IOException {
        fixture.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Decode, duplicate check, index scans, filters, one render per format, 10 jobs. */
    @Benchmark
    public int routeEventWithTenMatches() {
        return fixture.routeNext();
    }

    /** The index scans alone (12 candidates, enabled or not, read from the store). */
    @Benchmark
    public int indexLookup() {
        return fixture.lookup();
    }
}
