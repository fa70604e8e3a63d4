package dev.hooklane.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.benchmarks.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkMainTest {

    @Test
    void shouldWriteTheReportIntoDocsOnlyFromAFullRun(@TempDir Path work) throws Exception {
        BenchmarkMain.Options options = BenchmarkMain.Options.parse(new String[] {"--work-dir", work.toString()});

        assertThat(options.reportDir()).isEqualTo(Path.of("docs"));
        assertThat(options.scenarios()).containsExactly(Scenario.values());
    }

    @Test
    void shouldKeepAPartialRunsReportOutOfDocsWhenOnlySomeScenariosRun(@TempDir Path work) throws Exception {
        BenchmarkMain.Options options = BenchmarkMain.Options.parse(new String[] {"--only", "peer", "--work-dir", work.toString()});

        assertThat(options.reportDir()).isEqualTo(Path.of(BenchmarkMain.PARTIAL_REPORTS));
        assertThat(options.runs(Scenario.PEER)).isTrue();
        assertThat(options.runs(Scenario.CURVE)).isFalse();
    }

    @Test
    void shouldKeepASmokeRunsReportOutOfDocsWhenItRunsEveryScenario(@TempDir Path work) throws Exception {
        BenchmarkMain.Options options = BenchmarkMain.Options.parse(new String[] {"--smoke", "--work-dir", work.toString()});

        assertThat(options.reportDir()).isEqualTo(Path.of(BenchmarkMain.SMOKE_REPORTS));
        assertThat(options.scale().micro()).isFalse();
    }

    @Test
    void shouldRefuseAnOptionWithoutItsValue() {
        assertThatThrownBy(() -> BenchmarkMain.Options.parse(new String[] {"--only"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--only needs a value");
    }
}
