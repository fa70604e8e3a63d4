package dev.hooklane.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @Test
    void shouldReplaceOnlyTheGeneratedPartAndCompareWithCeilings(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\nintro\n" + ReportWriter.START + "\nold table\n" + ReportWriter.END + "\n## Routing cost\nkept\n");
        Results results = new Results();
        results.add(Figure.of("ceiling", "6. Ceilings", "raw HTTP", "requests/s", List.of(100.0, 300.0, 200.0)));
        results.add(Figure.of("figure", "1. Throughput", "deliveries/s", "deliveries/s", List.of(40.0, 60.0, 50.0))
                .withTarget(Target.atLeast(55, "≥ 55/s")).comparedWith("ceiling"));

        new ReportWriter(results, Map.of("runs", 3), "bin/benchmark").writeMarkdown(doc, Optional.empty());

        String written = Files.readString(doc);
        assertThat(written).startsWith("# Benchmarks\nintro\n").endsWith("## Routing cost\nkept\n").doesNotContain("old table");
        assertThat(written).contains("| 1. Throughput | deliveries/s | 50 deliveries/s | 40 deliveries/s – 60 deliveries/s | 3 | ≥ 55/s | **no** | 0.25 × raw HTTP |");
    }

    @Test
    void shouldListEachScenariosFiguresTogetherWhenOneWasComputedLater() {
        Results results = new Results();
        results.add(Figure.of("a", "1. Throughput", "deliveries/s", "deliveries/s", List.of(50.0)));
        results.add(Figure.of("b", "6. Ceilings", "raw HTTP", "requests/s", List.of(100.0)));
        results.add(Figure.of("c", "1. Throughput", "worker's CPU / ceiling's", "ratio", List.of(2.0)));
        results.add(Figure.of("d", "1. Throughput", "transaction stall errors", "count", List.of(1234.0)));

        String table = new ReportWriter(results, Map.of(), "bin/benchmark").markdown(Optional.empty());

        assertThat(table.indexOf("worker's CPU / ceiling's")).isLessThan(table.indexOf("raw HTTP"));
        assertThat(table).contains("| 1. Throughput | transaction stall errors | 1,234 | 1,234 – 1,234 |");
    }

    @Test
    void shouldWriteTheRawCpuWindowsAndTheCurveIntoTheJsonFile(@TempDir Path dir) throws Exception {
        Results results = new Results();
        results.cpuWindow("throughput", new CpuWindow(15.0, 100_000, "delivery", Map.of("worker", 5.0), Map.of("worker", 1.5), OptionalDouble.of(100_000)));
        results.curveStep(new CurveStep(1_000, 990, 5, 8, 9, 12, Map.of("worker", 41.0), 1.5));

        new ReportWriter(results, Map.of(), "bin/benchmark").writeJson(dir.resolve("benchmarks.json"));

        JsonNode json = Json.mapper().readTree(dir.resolve("benchmarks.json").toFile());
        assertThat(json.at("/cpuWindows/throughput/0/cpuSeconds/worker").asDouble()).isEqualTo(5.0);
        assertThat(json.at("/cpuWindows/throughput/0/compilingSeconds/worker").asDouble()).isEqualTo(1.5);
        assertThat(json.at("/cpuWindows/throughput/0/routedJobs").asDouble()).isEqualTo(100_000);
        assertThat(json.at("/latencyCurve/0/p99Ms").asDouble()).isEqualTo(9.0);
        assertThat(json.at("/latencyCurve/0/cpuMicrosPerDelivery/worker").asDouble()).isEqualTo(41.0);
    }

    @Test
    void shouldTakeTheMedianOfTheRuns() {
        assertThat(Figure.of("k", "s", "l", "ms", List.of(3.0, 1.0, 2.0)).median()).isEqualTo(2.0);
        assertThat(Figure.of("k", "s", "l", "ms", List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    }
}
