package dev.hooklane.service.kafka;

import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.topic.TopicProvisioner;
import dev.hooklane.service.config.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Client settings built from {@link KafkaSettings}; service-specific overrides win over defaults. */
public final class KafkaClients {

    private KafkaClients() {
    }

    public static Properties admin(KafkaSettings settings, String clientId) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.putAll(settings.clientOverrides());
        return props;
    }

    /** A durable producer: {@code acks=all}, idempotent. */
    public static Properties producer(KafkaSettings settings, String clientId, Map<String, Object> overrides) {
        Properties props = EventPublisher.durableProducerConfig(settings.bootstrapServers(), Map.of());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.putAll(settings.clientOverrides());
        props.putAll(overrides);
        return props;
    }

    /** A consumer that commits by hand and reads only committed transactional writes. */
    public static Properties consumer(KafkaSettings settings, String clientId, String groupId, Map<String, Object> overrides) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putAll(settings.clientOverrides());
        props.putAll(overrides);
        return props;
    }

    /** Creates every topic of the catalog that is missing. */
    public static void ensureTopics(KafkaSettings settings, String clientId) {
        try (Admin admin = Admin.create(admin(settings, clientId + "-admin"))) {
            TopicProvisioner.ensureTopics(admin, settings.catalog().all(), settings.replicationFactor(), Duration.ofSeconds(30));
        }
    }
}
