package dev.hooklane.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The index must hold subscriptions written before the router started (the global store's restore path). */
@Tag("kafka")
class RouterRestoreTest {

    @Test
    void shouldRouteToSubscriptionsThatExistedBeforeTheRouterStarted() throws Exception {
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("restore"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        TopicCatalog catalog = kafka.catalog();
        KafkaClients.ensureTopics(kafka, "test");
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<>(KafkaClients.producer(kafka, "test", Map.of()), new StringSerializer(),
                JsonSerde.of(Subscription.class).serializer())) {
            producer.send(new ProducerRecord<>(catalog.subscriptions().name(), "sub-1",
                    Subscription.create("sub-1", "acme", "https://example.com/1", List.of("reportCreated"), WebhookSecret.generate().encoded(), now))).get();
            producer.send(new ProducerRecord<>(catalog.subscriptions().name(), "sub-2",
                    Subscription.create("sub-2", "acme", "https://example.com/2", List.of("*"), WebhookSecret.generate().encoded(), now))).get();
        }
        RouterConfig config = new RouterConfig(kafka, HttpSettings.ephemeral(), "router-restore-" + kafka.topicPrefix(), Duration.ofMillis(100), 1,
                Files.createTempDirectory("router-state"));
        try (RouterService router = RouterService.start(config);
             EventPublisher publisher = EventPublisher.create(kafka.bootstrapServers(), catalog.events());
             var consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, "test", "restore-check", Map.of()), new StringDeserializer(),
                     new JobCodec().deserializer())) {
            publisher.publish(new EventEnvelope("evt-1", URI.create("/t"), "reportCreated", now, Optional.empty(), "acme",
                    Json.mapper().readTree("{}"), Optional.empty())).get();
            consumer.subscribe(List.of(catalog.deliveries().name()));
            List<String> keys = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
                return keys.size() >= 2;
            });
            assertThat(keys).containsExactlyInAnyOrder("sub-1", "sub-2");
        }
    }
}
