package dev.hooklane.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MonitoringManifestTest {

    @Test
    void shouldCarryTheAlertRulesOfDeployPrometheusAsAPrometheusRule() throws IOException {
        Path manifest = Manifests.directory().resolve("monitoring.yaml");
        Path alerts = Manifests.directory().resolveSibling("prometheus").resolve("alerts.yml");
        String expected = PrometheusOperatorResources.render(alerts);
        if (Boolean.getBoolean("hooklane.rewrite-manifests")) {
            Files.writeString(manifest, expected);
        }
        assertThat(Files.readString(manifest))
                .as("%s differs from %s; rewrite it with -Dhooklane.rewrite-manifests=true", manifest, alerts)
                .isEqualTo(expected);
        var rule = Manifests.documents().stream().filter(doc -> doc.kind().equals("PrometheusRule")).findFirst().orElseThrow();
        assertThat(rule.node().at("/spec/groups")).isEqualTo(Manifests.YAML.readTree(alerts.toFile()).get("groups"));
    }
}
