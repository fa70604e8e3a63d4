package dev.hooklane.peer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every subscription's URL and current secret, read once at start from the compacted subscriptions topic. */
@Component
public class SubscriptionDirectory {

    /** Where a subscription's jobs go and what signs them. */
    public record Endpoint(String url, String secret) {
    }

    private final Map<String, Endpoint> endpoints = new HashMap<>();

    public SubscriptionDirectory(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
                                 @Value("${peer.subscriptions-topic}") String topic, JsonMapper json) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.value() == null) {
                        endpoints.remove(record.key());
                    } else {
                        JsonNode subscription = json.readTree(record.value());
                        endpoints.put(record.key(), new Endpoint(subscription.path("url").asString(),
                                subscription.path("secrets").path(0).path("secret").asString()));
                    }
                });
            }
        }
    }

    public Optional<Endpoint> find(String subscriptionId) {
        return Optional.ofNullable(endpoints.get(subscriptionId));
    }
}
