package dev.hooklane.local.deploy;

import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.contracts.topic.TopicCatalog;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.TopicConfig;

/**
 * deploy/kubernetes/kafka-topics.yaml as it follows from {@link TopicCatalog}: one Strimzi
 * {@code KafkaTopic} per topic, with the catalog's partitions (12 where the catalog says
 * "configured") and configs, three replicas, and the retention this deployment chooses for each
 * topic that is not compacted.
 */
final class StrimziTopics {

    static final int PARTITIONS = 12;
    static final int REPLICAS = 3;
    static final String CLUSTER = "hooklane";
    static final String NAMESPACE = "kafka";
    /** The version Strimzi's model classes are written for (v1 since Strimzi 0.49; 1.0 removed v1beta2). */
    static final String API_VERSION = io.fabric8.kubernetes.api.model.HasMetadata.getApiVersion(io.strimzi.api.kafka.model.topic.KafkaTopic.class);
    private static final Duration WORK_RETENTION = Duration.ofDays(7);
    private static final Duration RECORD_RETENTION = Duration.ofDays(30);

    private StrimziTopics() {
    }

    static TopicCatalog catalog() {
        return TopicCatalog.defaults(PARTITIONS);
    }

    static String render() {
        TopicCatalog catalog = catalog();
        StringBuilder yaml = new StringBuilder("""
                # One Strimzi KafkaTopic per topic of TopicCatalog (default prefix and retry schedule). Generated:
                # KafkaTopicsManifestTest fails when this file and the catalog differ, and rewrites it with
                #   bin/test -pl local-stack -am -Dtest=KafkaTopicsManifestTest -Dsurefire.failIfNoSpecifiedTests=false -Dhooklane.rewrite-manifests=true
                # The services also create missing topics at start-up; declaring them here puts partitions,
                # replication and retention under review. Kafka cluster: Strimzi cluster 'hooklane' in namespace 'kafka'.
                """);
        for (Topic<?, ?> topic : catalog.all()) {
            Map<String, String> config = new TreeMap<>(topic.configs());
            config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
            if (!config.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, "delete").contains("compact")) {
                config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention(catalog, topic).toMillis()));
            }
            yaml.append("---\n")
                    .append("apiVersion: ").append(API_VERSION).append('\n')
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(resourceName(topic.name())).append('\n')
                    .append("  namespace: ").append(NAMESPACE).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("    app.kubernetes.io/part-of: hooklane\n")
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.partitions()).append('\n')
                    .append("  replicas: ").append(REPLICAS).append('\n')
                    .append("  config:\n");
            config.forEach((key, value) -> yaml.append("    ").append(key).append(": \"").append(value).append("\"\n"));
        }
        return yaml.toString();
    }

    /** Work in flight (events, jobs, retries) is kept a week; records people look back at a month (more than the catalog's minimum). */
    private static Duration retention(TopicCatalog catalog, Topic<?, ?> topic) {
        boolean record = topic.name().equals(catalog.dlq().name()) || topic.name().equals(catalog.attempts().name())
                || topic.name().equals(catalog.eventsDeadLetter().name());
        if (record) {
            return RECORD_RETENTION;
        }
        return topic.configs().containsKey(TopicConfig.RETENTION_MS_CONFIG)
                ? Duration.ofMillis(Long.parseLong(topic.configs().get(TopicConfig.RETENTION_MS_CONFIG)))
                : WORK_RETENTION;
    }

    /** A Kubernetes name: lowercase letters, digits and '-'. */
    static String resourceName(String topicName) {
        return topicName.replaceAll("[^a-z0-9-]", "-");
    }
}
