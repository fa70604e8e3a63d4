package dev.hooklane.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MonitoringManifestTest {

    @Test
    void shouldCarryTheAlertRulesOfDeployPrometheusAsAPrometheusRule() throws IOException {
        Path manifest = Manifests.directory().resolve("monitoring.yaml");
        Path alerts = Manifests.directory().resolveSibling("prometheus").resolve("alerts.yml");
        Manifests.assertGenerated(manifest, PrometheusOperatorResources.render(alerts), alerts);
        var rule = Manifests.documents().stream().filter(doc -> doc.kind().equals("PrometheusRule")).findFirst().orElseThrow();
        assertThat(rule.node().at("/spec/groups")).isEqualTo(Manifests.YAML.readTree(alerts.toFile()).get("groups"));
    }
}
