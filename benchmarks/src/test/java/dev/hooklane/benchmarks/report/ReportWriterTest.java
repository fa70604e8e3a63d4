package dev.hooklane.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

        new ReportWriter(results, Map.of("runs", 3), "bin/benchmark").writeMarkdown(doc);

        String written = Files.readString(doc);
        assertThat(written).startsWith("# Benchmarks\nintro\n").endsWith("## Routing cost\nkept\n").doesNotContain("old table");
        assertThat(written).contains("| 1. Throughput | deliveries/s | 50 deliveries/s | 40 deliveries/s – 60 deliveries/s | 3 | ≥ 55/s | **no** | 0.25 × raw HTTP |");
    }

    @Test
    void shouldTakeTheMedianOfTheRuns() {
        assertThat(Figure.of("k", "s", "l", "ms", List.of(3.0, 1.0, 2.0)).median()).isEqualTo(2.0);
        assertThat(Figure.of("k", "s", "l", "ms", List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    }
}
