package dev.hooklane.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose/docker-compose.yml read as Compose reads it (anchors and merge keys resolved):
 * KRaft Kafka, the four services built from their modules, two workers, and Prometheus and Grafana
 * given files that exist and that point at the services.
 */
class ComposeFileTest {

    private static final Path COMPOSE_DIR = Manifests.directory().resolveSibling("compose");
    private static final Map<String, String> MODULES = Map.of(
            "subscription-api", "subscription-api", "ingest", "ingest-service", "router", "router-streams", "delivery-worker", "delivery-worker");

    @Test
    void shouldRunKafkaInKraftModeTheFourServicesTwoWorkersPrometheusAndGrafana() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        assertThat(services.keySet()).containsExactlyInAnyOrder("kafka", "subscription-api", "ingest", "router", "delivery-worker",
                "prometheus", "grafana");
        Map<String, Object> kafkaEnv = map(map(services.get("kafka")).get("environment"));
        assertThat(String.valueOf(kafkaEnv.get("KAFKA_PROCESS_ROLES"))).isEqualTo("broker,controller");
        assertThat(map(map(services.get("delivery-worker")).get("deploy"))).containsEntry("replicas", 2);

        for (Map.Entry<String, String> service : MODULES.entrySet()) {
            Map<String, Object> definition = map(services.get(service.getKey()));
            Map<String, Object> build = map(definition.get("build"));
            Map<String, Object> args = map(build.get("args"));
            assertThat(args).as(service.getKey()).containsEntry("MODULE", service.getValue());
            Path root = COMPOSE_DIR.resolve(String.valueOf(build.get("context"))).normalize();
            assertThat(root.resolve(String.valueOf(build.get("dockerfile")))).as(service.getKey()).isRegularFile();
            assertThat(Files.readString(root.resolve(service.getValue()).resolve("pom.xml"))).as(service.getKey()).contains("<mainClass>");
            Map<String, Object> env = map(definition.get("environment"));
            assertThat(env).as(service.getKey()).containsEntry("HOOKLANE_HTTP_PORT", args.get("PORT"))
                    .containsEntry("HOOKLANE_KAFKA_BOOTSTRAP", "kafka:9092");
            assertThat(definition).as(service.getKey()).containsKey("stop_grace_period");
        }
    }

    @Test
    void shouldMountExistingFilesIntoPrometheusAndGrafanaAndScrapeEveryService() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        for (String tool : List.of("prometheus", "grafana")) {
            for (Object volume : (List<?>) map(services.get(tool)).get("volumes")) {
                Path host = COMPOSE_DIR.resolve(String.valueOf(volume).split(":")[0]).normalize();
                assertThat(host).as("%s volume %s", tool, volume).exists();
            }
        }
        String scrape = Files.readString(COMPOSE_DIR.resolveSibling("prometheus").resolve("prometheus-compose.yml"));
        Map<String, Object> all = services;
        for (String service : MODULES.keySet()) {
            String port = String.valueOf(map(map(all.get(service)).get("environment")).get("HOOKLANE_HTTP_PORT"));
            assertThat(scrape).as("scrape config of %s", service).contains("job_name: " + service)
                    .containsAnyOf(service + ":" + port, "names: [\"" + service + "\"]");
        }
    }

    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(COMPOSE_DIR.resolve("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
