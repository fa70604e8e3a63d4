package dev.hooklane.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.delivery.DeliveryWorkerConfig;
import dev.hooklane.router.RouterConfig;
import dev.hooklane.service.config.EnvConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes checked offline: every file parses, every document of a known kind reads
 * strictly as its API type (or, for KEDA, validates against its schema), and the pieces fit
 * together: probes, resources, disruption budgets, services, topics, autoscaling.
 */
class KubernetesManifestsTest {

    /** Secrets the operator creates (deploy/kubernetes/config.yaml says how). */
    private static final Set<String> EXTERNAL_SECRETS = Set.of("hooklane-admin", "hooklane-kafka-client", "hooklane-portal");
    private static final Set<String> SERVICES = Set.of("subscription-api", "ingest", "router", "delivery-worker");

    private final List<Manifests.Document> documents = Manifests.documents();

    @Test
    void shouldReadEveryDocumentStrictlyAsItsKind() {
        assertThat(documents).hasSizeGreaterThan(20);
        for (Manifests.Document document : documents) {
            switch (document.kind()) {
                case "Kustomization" -> assertThat(document.apiVersion()).isEqualTo("kustomize.config.k8s.io/v1beta1");
                case "ScaledObject" -> assertThat(kedaErrors(document.node())).as(document.toString()).isEmpty();
                default -> {
                    Class<?> type = StrictModels.typeOf(document.apiVersion(), document.kind())
                            .orElseThrow(() -> new AssertionError("no schema for " + document.apiVersion() + " " + document.kind() + " in " + document));
                    StrictModels.read(document.node(), type);
                }
            }
            if (!document.kind().equals("Kustomization")) {
                assertThat(document.name()).as("metadata.name of %s", document).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            }
        }
    }

    @Test
    void shouldRefuseAFieldTheKindDoesNotHave() {
        JsonNode deployment = documents.stream().filter(doc -> doc.kind().equals("Deployment")).findFirst().orElseThrow().node().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("livenesProbe", "typo");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StrictModels.read(deployment, Deployment.class))
                .hasMessageContaining("livenesProbe");
        JsonNode scaled = documents.stream().filter(doc -> doc.kind().equals("ScaledObject")).findFirst().orElseThrow().node().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) scaled.at("/spec/triggers/0/metadata")).put("lagThreshold", 2000);
        assertThat(kedaErrors(scaled)).isNotEmpty();
        // Strimzi 1.0 serves KafkaTopic as v1 only.
        assertThat(StrictModels.typeOf("kafka.strimzi.io/v1beta2", "KafkaTopic")).isEmpty();
        assertThat(StrictModels.typeOf("kafka.strimzi.io/v1", "KafkaTopic")).isPresent();
    }

    @Test
    void shouldListEveryManifestInTheKustomization() {
        JsonNode kustomization = documents.stream().filter(doc -> doc.kind().equals("Kustomization")).findFirst().orElseThrow().node();
        Set<String> listed = names(kustomization.path("resources"));
        Set<String> files = Manifests.files().stream().map(Path::getFileName).map(Path::toString)
                .filter(name -> !name.equals("kustomization.yaml")).collect(Collectors.toSet());
        assertThat(listed).isEqualTo(files);
    }

    @Test
    void shouldRunEveryServiceWithProbesResourcesAServiceAndADisruptionBudget() {
        List<Deployment> deployments = all("Deployment", Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(SERVICES);
        Set<String> configMaps = documents.stream().filter(doc -> doc.kind().equals("ConfigMap")).map(Manifests.Document::name).collect(Collectors.toSet());
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(deployment.getSpec().getSelector().getMatchLabels().entrySet()).as(name).isSubsetOf(podLabels.entrySet());
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).as(name).isGreaterThanOrEqualTo(30);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/health");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(name).isEqualTo("/ready");
            assertThat(container.getStartupProbe()).as(name).isNotNull();
            assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
            int port = container.getPorts().get(0).getContainerPort();
            assertThat(container.getEnv()).as(name).extracting(EnvVar::getName, EnvVar::getValue).contains(org.assertj.core.groups.Tuple.tuple("HOOKLANE_HTTP_PORT", Integer.toString(port)));
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).as(name)
                    .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", Integer.toString(port));
            for (EnvFromSource source : container.getEnvFrom()) {
                if (source.getConfigMapRef() != null) {
                    assertThat(configMaps).as(name).contains(source.getConfigMapRef().getName());
                }
                if (source.getSecretRef() != null) {
                    assertThat(EXTERNAL_SECRETS).as(name).contains(source.getSecretRef().getName());
                }
            }
            container.getEnv().stream().filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                    .forEach(env -> assertThat(EXTERNAL_SECRETS).as(name).contains(env.getValueFrom().getSecretKeyRef().getName()));

            assertThat(all("Service", io.fabric8.kubernetes.api.model.Service.class)).as("Service of %s", name)
                    .anySatisfy(service -> assertThat(podLabels.entrySet()).containsAll(service.getSpec().getSelector().entrySet()));
            assertThat(all("PodDisruptionBudget", PodDisruptionBudget.class)).as("PodDisruptionBudget of %s", name)
                    .anySatisfy(pdb -> assertThat(podLabels.entrySet()).containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
        }
    }

    @Test
    void shouldDeclareEveryTopicOfTheCatalogForStrimzi() {
        Map<String, KafkaTopic> declared = all("KafkaTopic", KafkaTopic.class).stream()
                .collect(Collectors.toMap(topic -> topic.getSpec().getTopicName(), topic -> topic));
        List<Topic<?, ?>> catalog = StrimziTopics.catalog().all();
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(catalog.stream().map(Topic::name).toList());
        for (Topic<?, ?> topic : catalog) {
            KafkaTopic kafkaTopic = declared.get(topic.name());
            assertThat(kafkaTopic.getSpec().getPartitions()).as(topic.name()).isEqualTo(topic.partitions());
            Map<String, Object> config = kafkaTopic.getSpec().getConfig();
            topic.configs().forEach((key, value) -> {
                if (key.equals(TopicConfig.RETENTION_MS_CONFIG)) {
                    // A manifest may keep records longer than the catalog's minimum, never shorter.
                    assertThat(Long.parseLong(String.valueOf(config.get(key)))).as(topic.name() + " " + key).isGreaterThanOrEqualTo(Long.parseLong(value));
                } else {
                    assertThat(config).as(topic.name()).containsEntry(key, value);
                }
            });
            assertThat(kafkaTopic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", StrimziTopics.CLUSTER);
            assertThat(kafkaTopic.getApiVersion()).as(topic.name()).isEqualTo("kafka.strimzi.io/v1");
        }
    }

    @Test
    void shouldScaleEachConsumerOnItsGroupsLagUpToThePartitionsItReadsAndIngestOnCpu() {
        Map<String, JsonNode> scaled = new java.util.TreeMap<>();
        documents.stream().filter(doc -> doc.kind().equals("ScaledObject")).forEach(doc -> scaled.put(doc.name(), doc.node()));
        assertThat(scaled.keySet()).containsExactlyInAnyOrder("delivery-worker", "router", "ingest");
        Map<String, Map<String, String>> environments = DeploymentEnvironments.kubernetes();
        String workerGroup = DeliveryWorkerConfig.from(new EnvConfig(environments.get("delivery-worker"))).groupId();
        String routerGroup = RouterConfig.from(new EnvConfig(environments.get("router"))).applicationId();
        TopicCatalog catalog = StrimziTopics.catalog();
        List<String> retryTopics = catalog.retryTiers().stream().map(tier -> catalog.retry(tier).name()).toList();
        // Which topics each group reads, as the services subscribe them.
        Map<String, List<String>> groupTopics = Map.of(workerGroup, List.of(catalog.deliveries().name()), workerGroup + "-retry", retryTopics,
                routerGroup, List.of(catalog.events().name()));
        Map<String, Integer> partitions = all("KafkaTopic", KafkaTopic.class).stream()
                .collect(Collectors.toMap(topic -> topic.getSpec().getTopicName(), topic -> topic.getSpec().getPartitions()));
        String bootstrap = environments.get("router").get("HOOKLANE_KAFKA_BOOTSTRAP");

        for (Map.Entry<String, JsonNode> entry : scaled.entrySet()) {
            JsonNode object = entry.getValue();
            assertThat(object.at("/spec/scaleTargetRef/name").asText()).isEqualTo(entry.getKey());
            int max = object.at("/spec/maxReplicaCount").asInt();
            assertThat(max).as(entry.getKey()).isGreaterThanOrEqualTo(object.at("/spec/minReplicaCount").asInt());
            for (JsonNode trigger : object.at("/spec/triggers")) {
                if (trigger.path("type").asText().equals("kafka")) {
                    String group = trigger.at("/metadata/consumerGroup").asText();
                    assertThat(groupTopics).as("%s reads as group %s", entry.getKey(), group).containsKey(group);
                    List<String> read = trigger.at("/metadata/topic").isMissingNode() ? groupTopics.get(group)
                            : List.of(trigger.at("/metadata/topic").asText());
                    assertThat(groupTopics.get(group)).as(entry.getKey()).containsAll(read);
                    for (String topic : read) {
                        assertThat(max).as("%s scales beyond the %s partitions of %s", entry.getKey(), partitions.get(topic), topic)
                                .isLessThanOrEqualTo(partitions.get(topic));
                    }
                    assertThat(trigger.at("/metadata/bootstrapServers").asText()).isEqualTo(bootstrap);
                }
            }
        }
        assertThat(scaled.get("delivery-worker").at("/spec/triggers")).extracting(t -> t.at("/metadata/consumerGroup").asText())
                .containsExactlyInAnyOrder(workerGroup, workerGroup + "-retry");
        assertThat(scaled.get("router").at("/spec/triggers/0/metadata/consumerGroup").asText()).isEqualTo(routerGroup);
        JsonNode cpu = scaled.get("ingest").at("/spec/triggers/0");
        assertThat(cpu.path("type").asText()).isEqualTo("cpu");
        Deployment ingest = all("Deployment", Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("ingest")).findFirst().orElseThrow();
        // KEDA's CPU scaler measures utilisation of the request.
        assertThat(ingest.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()).containsKey("cpu");
    }

    @Test
    void shouldRunEveryContainerAsNonRootOnAReadOnlyRootFileSystemWithVolumesWhereItWrites() {
        for (Deployment deployment : all("Deployment", Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()).as(name).isEqualTo(10001L);
            Set<String> mounted = container.getVolumeMounts().stream().map(mount -> mount.getMountPath()).collect(Collectors.toSet());
            // The JVM and the compression natives (zstd-jni, snappy-java) unpack into /tmp.
            assertThat(mounted).as(name).contains("/tmp");
            container.getEnv().stream().filter(env -> env.getName().equals("HOOKLANE_ROUTER_STATE_DIR"))
                    .forEach(env -> assertThat(mounted).as("%s writes its state to %s", name, env.getValue()).contains(env.getValue()));
        }
    }

    private <T> List<T> all(String kind, Class<T> type) {
        return documents.stream().filter(doc -> doc.kind().equals(kind)).map(doc -> StrictModels.read(doc.node(), type)).toList();
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new java.util.TreeSet<>();
        array.forEach(node -> names.add(node.asText()));
        return names;
    }

    private static List<String> kedaErrors(JsonNode node) {
        try (InputStream schema = Objects.requireNonNull(KubernetesManifestsTest.class.getResourceAsStream("/schemas/keda-scaledobject.json"))) {
            Schema compiled = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Manifests.YAML.readTree(schema));
            return compiled.validate(node).stream().map(Error::toString).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
