package dev.hooklane.service.config;

import dev.hooklane.contracts.topic.TopicCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a service reaches Kafka and names its topics; shared by every service.
 *
 * @param bootstrapServers {@code HOOKLANE_KAFKA_BOOTSTRAP}, default {@code localhost:9092}
 * @param topicPrefix {@code HOOKLANE_TOPIC_PREFIX}, default {@code webhooks.}
 * @param partitions {@code HOOKLANE_TOPIC_PARTITIONS}: partitions of topics created at start-up, default 6
 * @param replicationFactor {@code HOOKLANE_TOPIC_REPLICATION}: replication of created topics; empty = broker default
 * @param retrySchedule {@code HOOKLANE_RETRY_SCHEDULE}: delays of the retry tiers, default {@code 5s,5m,30m,2h,5h,10h,14h,20h,1d}
 * @param clientOverrides {@code HOOKLANE_KAFKA_CLIENT_*}: extra client properties, e.g.
 *     {@code HOOKLANE_KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL} becomes {@code security.protocol}
 */
public record KafkaSettings(
        String bootstrapServers,
        String topicPrefix,
        int partitions,
        Optional<Short> replicationFactor,
        List<Duration> retrySchedule,
        Map<String, Object> clientOverrides) {

    public static final String CLIENT_PREFIX = "HOOKLANE_KAFKA_CLIENT_";

    public KafkaSettings {
        clientOverrides = Map.copyOf(clientOverrides);
    }

    public static KafkaSettings from(EnvConfig env) {
        String bootstrap = env.string("HOOKLANE_KAFKA_BOOTSTRAP", "localhost:9092");
        String prefix = env.string("HOOKLANE_TOPIC_PREFIX", TopicCatalog.DEFAULT_PREFIX);
        int partitions = env.integer("HOOKLANE_TOPIC_PARTITIONS", 6, 1, 10_000);
        int replication = env.integer("HOOKLANE_TOPIC_REPLICATION", -1, -1, 32);
        List<Duration> schedule = env.durations("HOOKLANE_RETRY_SCHEDULE", TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        Map<String, Object> overrides = new HashMap<>();
        env.withPrefix(CLIENT_PREFIX).forEach((key, value) -> overrides.put(key.toLowerCase(Locale.ROOT).replace('_', '.'), value));
        if (replication == 0) {
            env.problem("HOOKLANE_TOPIC_REPLICATION must be -1 (broker default) or at least 1");
        }
        try {
            new TopicCatalog(prefix, partitions, schedule);
        } catch (IllegalArgumentException e) {
            env.problem("HOOKLANE_TOPIC_PREFIX / HOOKLANE_RETRY_SCHEDULE: " + e.getMessage());
        }
        return new KafkaSettings(bootstrap, prefix, partitions,
                replication < 1 ? Optional.empty() : Optional.of((short) replication), schedule, overrides);
    }

    /** Settings for a broker at {@code bootstrapServers} with every default, for tests and tools. */
    public static KafkaSettings forBootstrap(String bootstrapServers, String topicPrefix, List<Duration> retrySchedule) {
        return new KafkaSettings(bootstrapServers, topicPrefix, 3, Optional.empty(), retrySchedule, Map.of());
    }

    public TopicCatalog catalog() {
        return new TopicCatalog(topicPrefix, partitions, retrySchedule);
    }
}
