package dev.hooklane.local.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What file provisioning needs of deploy/grafana, and what an operator needs of every panel. */
class DashboardsTest {

    private static final String DATASOURCE = "${datasource}";

    @Test
    void shouldProvideTheDeliveryHealthAndPipelineDashboards() {
        assertThat(MonitoringQueries.dashboards()).extracting(path -> path.getFileName().toString())
                .contains("delivery-health.json", "pipeline-internals.json");
    }

    @Test
    void shouldChooseTheDataSourceThroughATemplateVariableNotAnImportInput() throws IOException {
        for (Path file : MonitoringQueries.dashboards()) {
            JsonNode dashboard = MonitoringQueries.dashboard(file);
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain("${DS_").doesNotContain("__inputs");
            JsonNode variable = dashboard.at("/templating/list/0");
            assertThat(variable.path("name").asText()).as(file.toString()).isEqualTo("datasource");
            assertThat(variable.path("type").asText()).isEqualTo("datasource");
            assertThat(variable.path("query").asText()).isEqualTo("prometheus");
            assertThat(dashboard.path("uid").asText()).as(file.toString()).isNotBlank();
        }
    }

    @Test
    void shouldGiveEveryPanelAUnitADescriptionAndTheTemplatedDataSource() {
        for (Path file : MonitoringQueries.dashboards()) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : MonitoringQueries.dashboard(file).path("panels")) {
                String where = file.getFileName() + " / " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", where).isTrue();
                assertThat(panel.path("gridPos").path("w").asInt()).as("width of %s", where).isPositive();
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                assertThat(panel.at("/fieldConfig/defaults/unit").asText()).as("unit of %s", where).isNotBlank();
                assertThat(panel.path("description").asText()).as("description of %s", where).isNotBlank();
                assertThat(panel.at("/datasource/uid").asText()).as("data source of %s", where).isEqualTo(DATASOURCE);
                assertThat(panel.path("targets")).as("queries of %s", where).isNotEmpty();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.at("/datasource/uid").asText()).as("data source of a query of %s", where).isEqualTo(DATASOURCE);
                    assertThat(target.path("expr").asText()).as("query of %s", where).isNotBlank();
                }
            }
        }
    }

    @Test
    void shouldProvisionTheDashboardsFolderThatComposeMounts() throws IOException {
        String provider = Files.readString(RepositoryFiles.deploy("grafana/provisioning/dashboards/hooklane.yml"));
        String compose = Files.readString(RepositoryFiles.deploy("compose/docker-compose.yml"));
        assertThat(provider).contains("path: /var/lib/grafana/dashboards");
        assertThat(compose).contains("../grafana/dashboards:/var/lib/grafana/dashboards:ro")
                .contains("../grafana/provisioning:/etc/grafana/provisioning:ro");
    }
}
