package dev.hooklane.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.delivery.DeliveryWorkerConfig;
import dev.hooklane.ingest.IngestConfig;
import dev.hooklane.local.LocalStack;
import dev.hooklane.router.RouterConfig;
import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.subscriptions.SubscriptionApiConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every way of running gives every service the same environment, but for the differences listed
 * here with their reason: bin/run's local stack, the compose file and the Kubernetes manifests.
 */
class DeploymentEnvironmentsTest {

    /** Variables whose value may differ between the ways of running, and why. */
    private static final Map<String, String> INTENDED = Map.ofEntries(
            Map.entry("HOOKLANE_KAFKA_BOOTSTRAP", "each way has its own broker address"),
            Map.entry("HOOKLANE_HTTP_HOST", "bin/run listens on loopback only; containers on every interface"),
            Map.entry("HOOKLANE_TOPIC_PARTITIONS", "sized for the cluster: 3 on one local broker, 6 in compose, 12 on Kubernetes"),
            Map.entry("HOOKLANE_TOPIC_REPLICATION", "1 on a single broker, 3 on Kubernetes"),
            Map.entry("HOOKLANE_LOG_FORMAT", "text for a person at a terminal, JSON where logs are collected"),
            Map.entry("HOOKLANE_ADMIN_KEY", "a secret: bin/run keeps one in its data folder, compose takes it from the shell, Kubernetes from a Secret"),
            Map.entry("HOOKLANE_PORTAL_SIGNING_KEYS", "a secret: bin/run makes one a run, compose takes it from the shell, Kubernetes from a Secret"),
            Map.entry("HOOKLANE_PORTAL_FRAME_ANCESTORS", "bin/run lets pages on this machine frame the portal, to try embedding it"),
            Map.entry("HOOKLANE_ALLOW_HTTP_URLS", "the demo receiver of bin/run listens on plain http"),
            Map.entry("HOOKLANE_SSRF_ALLOW_LIST", "bin/run's receivers run on this machine, so loopback is allowed there only"),
            Map.entry("HOOKLANE_ROUTER_STATE_DIR", "each way's writable folder: the data folder, the container's /tmp, a mounted volume"),
            Map.entry("HOOKLANE_ROUTER_APPLICATION_ID", "the local stack names its groups after its topic prefix, so that tests sharing a broker stay apart"),
            Map.entry("HOOKLANE_WORKER_GROUP_ID", "the local stack names its groups after its topic prefix, so that tests sharing a broker stay apart"));

    private final Map<String, Map<String, Map<String, String>>> ways = ways();

    private static Map<String, Map<String, Map<String, String>>> ways() {
        Map<String, Map<String, Map<String, String>>> ways = new LinkedHashMap<>();
        ways.put("bin/run", DeploymentEnvironments.localStack());
        ways.put("compose", DeploymentEnvironments.compose());
        ways.put("kubernetes", DeploymentEnvironments.kubernetes());
        return ways;
    }

    @Test
    void shouldGiveEveryServiceTheSameEnvironmentEverywhereButForTheListedDifferences() {
        List<String> differences = new ArrayList<>();
        for (String service : LocalStack.SERVICES) {
            TreeSet<String> keys = new TreeSet<>();
            ways.values().forEach(way -> keys.addAll(way.get(service).keySet()));
            for (String key : keys) {
                Map<String, String> values = new LinkedHashMap<>();
                ways.forEach((way, environments) -> values.put(way, environments.get(service).get(key)));
                if (values.values().stream().distinct().count() > 1 && !INTENDED.containsKey(key)) {
                    differences.add(service + " " + key + ": " + values);
                }
            }
        }
        assertThat(differences).as("differences not listed as intended (null = unset)").isEmpty();
    }

    @Test
    void shouldListOnlyDifferencesThatExist() {
        for (String key : INTENDED.keySet()) {
            boolean differs = LocalStack.SERVICES.stream().anyMatch(service ->
                    ways.values().stream().map(way -> way.get(service).get(key)).distinct().count() > 1);
            assertThat(differs).as("%s is listed as an intended difference but is the same everywhere", key).isTrue();
        }
    }

    @Test
    void shouldGiveTheSubscriptionApiTheSeedEventTypeCatalogEverywhere() {
        ways.forEach((way, environments) -> assertThat(environments.get("subscription-api"))
                .as(way).containsEntry("HOOKLANE_EVENT_TYPES_CATALOG", SubscriptionApiConfig.SEED_CATALOG));
    }

    @Test
    void shouldGiveEachServiceAnEnvironmentItsConfigurationAccepts() {
        Map<String, Function<EnvConfig, ?>> readers = Map.of("subscription-api", SubscriptionApiConfig::from, "ingest", IngestConfig::from,
                "router", RouterConfig::from, "delivery-worker", DeliveryWorkerConfig::from);
        ways.forEach((way, environments) -> readers.forEach((service, reader) -> {
            Map<String, String> env = new LinkedHashMap<>(environments.get(service));
            env.replaceAll((key, value) -> value.startsWith("<") ? "a-secret-of-at-least-16-characters" : value);
            env.putIfAbsent("HOOKLANE_ADMIN_KEY", "a-secret-of-at-least-16-characters");
            EnvConfig config = new EnvConfig(env);
            reader.apply(config);
            config.validate();
        }));
    }

    @Test
    void shouldRunTheSameImagesInComposeAndKubernetes() {
        Map<String, String> deployments = new LinkedHashMap<>();
        Manifests.documents().stream().filter(doc -> doc.kind().equals("Deployment"))
                .forEach(doc -> deployments.put(doc.name(), doc.node().at("/spec/template/spec/containers/0/image").asText()));
        assertThat(deployments).isEqualTo(DeploymentEnvironments.composeImages());
    }

    @Test
    void shouldCarryTheSharedSettingsInTheCommonConfigMap() {
        Manifests.assertGenerated(Manifests.directory().resolve("config.yaml"), CommonConfigMap.render(), CommonConfigMap.SHARED);
        assertThat(Objects.requireNonNull(DeploymentEnvironments.kubernetes().get("ingest")))
                .containsAllEntriesOf(DeploymentEnvironments.envFile(CommonConfigMap.SHARED));
    }
}
