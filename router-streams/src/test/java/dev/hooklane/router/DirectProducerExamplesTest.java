package dev.hooklane.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.kafka.SharedKafka;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Java examples of docs/producers.md, run against a real broker and router: both modes are routed. */
@Tag("kafka")
class DirectProducerExamplesTest {

    @Test
    void shouldRouteEventsWrittenStraightToKafkaInStructuredAndBinaryMode() throws Exception {
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("direct"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        TopicCatalog catalog = kafka.catalog();
        KafkaClients.ensureTopics(kafka, "test");
        try (var producer = new KafkaProducer<>(KafkaClients.producer(kafka, "test", Map.of()), new StringSerializer(),
                JsonSerde.of(Subscription.class).serializer())) {
            producer.send(new ProducerRecord<>(catalog.subscriptions().name(), "sub-crm",
                    RouterDriver.subscription("sub-crm", "acme", List.of("NewCustomer", "reportCreated"), List.of(), true, PayloadFormat.DATA))).get();
        }
        RouterConfig config = new RouterConfig(kafka, HttpSettings.ephemeral(), "router-direct-" + kafka.topicPrefix(), Duration.ofMillis(100), 1,
                Files.createTempDirectory("router-state"));
        try (RouterService router = RouterService.start(config);
             var jobs = new KafkaConsumer<>(KafkaClients.consumer(kafka, "test", "direct-check", Map.of()), new StringDeserializer(),
                     new JobCodec().deserializer())) {
            publishStructured(kafka.bootstrapServers(), catalog);
            publishBinary(kafka.bootstrapServers(), catalog.events().name());

            jobs.subscribe(List.of(catalog.deliveries().name()));
            Map<String, String> bodies = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                jobs.poll(Duration.ofMillis(200)).forEach(record -> bodies.put(record.value().eventId(), record.value().bodyText()));
                return bodies.size() >= 2;
            });
            assertThat(bodies).containsOnly(
                    Map.entry("report-b0e7-created", "{\"type\":\"Report\",\"id\":\"b0e7e28f\",\"state\":\"NEW\"}"),
                    Map.entry("cust-42", "{\"name\":\"Ada\"}"));
        }
    }

    /** docs/producers.md, "Java: structured mode with EventPublisher". */
    private static void publishStructured(String bootstrap, TopicCatalog catalog) throws Exception {
        try (var publisher = EventPublisher.create(bootstrap, catalog.events())) {
            var data = Json.mapper().readTree("{\"type\":\"Report\",\"id\":\"b0e7e28f\",\"state\":\"NEW\"}");
            publisher.publish(new EventEnvelope("report-b0e7-created", URI.create("/reports"), "reportCreated", Instant.now(),
                    Optional.of("report/b0e7e28f"), "acme", data, Optional.empty())).join();
        }
    }

    /** docs/producers.md, "Java: binary mode with the CloudEvents SDK". */
    private static void publishBinary(String bootstrap, String topic) throws Exception {
        Properties props = EventPublisher.durableProducerConfig(bootstrap, Map.of());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        props.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY);
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(props)) {
            CloudEvent event = CloudEventBuilder.v1()
                    .withId("cust-42")
                    .withSource(URI.create("/crm"))
                    .withType("NewCustomer")
                    .withExtension("tenant", "acme")
                    .withDataContentType("application/json")
                    .withData("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8))
                    .build();
            producer.send(new ProducerRecord<>(topic, "acme", event)).get();
        }
    }
}
