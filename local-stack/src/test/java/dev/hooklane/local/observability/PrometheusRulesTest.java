package dev.hooklane.local.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** deploy/prometheus checked and its alert rules unit-tested by Debian's promtool. */
class PrometheusRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"prometheus-local.yml", "prometheus-compose.yml"})
    void shouldBeAValidPrometheusConfigWithItsRuleFiles(String file) {
        Promtool.Result result = Promtool.run(null, "check", "config", RepositoryFiles.deploy("prometheus/" + file).toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void shouldPassTheRulesLint() {
        Promtool.Result result = Promtool.run(null, "check", "rules", RepositoryFiles.deploy("prometheus/alerts.yml").toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void shouldFireEachAlertOnlyWhenItsConditionHolds() {
        Promtool.Result result = Promtool.run(null, "test", "rules", RepositoryFiles.deploy("prometheus/alerts-test.yml").toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }
}
