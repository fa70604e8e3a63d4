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
 * KRaft Kafka with its data on a volume and a listener for the host, the four services built from
 * their modules' jars with the shared settings, two workers, and Prometheus and Grafana given files
 * that exist and that point at the services.
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
            Path context = COMPOSE_DIR.resolve(String.valueOf(build.get("context"))).normalize();
            // The image is the module's shaded jar: the context is the module's target folder (ImageBuildContextIT checks its content).
            assertThat(context).as(service.getKey()).isEqualTo(COMPOSE_DIR.resolve("../..").normalize().resolve(service.getValue()).resolve("target"));
            assertThat(context.resolve(String.valueOf(build.get("dockerfile"))).normalize()).as(service.getKey())
                    .isEqualTo(COMPOSE_DIR.resolveSibling("docker").resolve("Dockerfile"));
            assertThat(Files.readString(context.resolveSibling("pom.xml"))).as(service.getKey()).contains("<mainClass>");
            Map<String, Object> env = map(definition.get("environment"));
            assertThat(env).as(service.getKey()).containsEntry("HOOKLANE_HTTP_PORT", map(build.get("args")).get("PORT"))
                    .containsEntry("HOOKLANE_KAFKA_BOOTSTRAP", "kafka:19092");
            assertThat(definition).as(service.getKey()).containsKey("stop_grace_period").containsEntry("env_file", "../config/hooklane.env");
        }
    }

    @Test
    void shouldKeepKafkasDataOnItsVolumeAndReachItFromTheHost() throws IOException {
        Map<String, Object> kafka = map(map(compose().get("services")).get("kafka"));
        Map<String, Object> env = map(kafka.get("environment"));
        String dataDir = String.valueOf(env.get("KAFKA_LOG_DIRS"));
        assertThat(String.valueOf(kafka.get("volumes"))).contains("kafka-data:" + dataDir);
        assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS"))).contains("HOST://localhost:9092", "INTERNAL://kafka:19092");
        assertThat(String.valueOf(kafka.get("ports"))).contains("9092:9092");
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
