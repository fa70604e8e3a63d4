package dev.hooklane.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Producers that write straight to Kafka choose their own compression. The router must read every
 * codec Kafka offers; zstd and snappy run native code (zstd-jni, snappy-java) that must load on
 * the runtime's C library, which is why the images run on a glibc base.
 */
@Tag("kafka")
class CompressedEventsTest {

    private static final List<String> CODECS = List.of("zstd", "snappy", "lz4", "gzip");

    @Test
    void shouldRouteEventsProducedInBatchesOfEveryCompressionCodec() throws Exception {
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("codecs"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        TopicCatalog catalog = kafka.catalog();
        KafkaClients.ensureTopics(kafka, "test");
        try (var producer = new KafkaProducer<>(KafkaClients.producer(kafka, "test", Map.of()), new StringSerializer(),
                JsonSerde.of(Subscription.class).serializer())) {
            producer.send(new ProducerRecord<>(catalog.subscriptions().name(), "sub-all",
                    Subscription.create("sub-all", "acme", "https://example.com/all", List.of("*"), WebhookSecret.generate().encoded(),
                            Instant.now()))).get();
        }
        RouterConfig config = new RouterConfig(kafka, HttpSettings.ephemeral(), "router-codecs-" + kafka.topicPrefix(), Duration.ofMillis(100), 1,
                Files.createTempDirectory("router-state"));
        try (RouterService router = RouterService.start(config);
             var consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, "test", "codecs-check", Map.of()), new StringDeserializer(),
                     catalog.deliveries().valueSerde().deserializer())) {
            for (String codec : CODECS) {
                publishBatch(kafka, catalog, codec);
            }
            consumer.subscribe(List.of(catalog.deliveries().name()));
            Set<String> routed = new TreeSet<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> routed.add(record.value().eventId()));
                return routed.size() >= CODECS.size() * 3;
            });
            for (String codec : CODECS) {
                assertThat(routed).as("events sent with %s", codec).contains(codec + "-0", codec + "-1", codec + "-2");
            }
        }
    }

    /** Three events in one batch (sent together, flushed once), compressed with {@code codec}. */
    private static void publishBatch(KafkaSettings kafka, TopicCatalog catalog, String codec) throws Exception {
        var props = EventPublisher.durableProducerConfig(kafka.bootstrapServers(), Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec,
                ProducerConfig.LINGER_MS_CONFIG, 50));
        try (EventPublisher publisher = new EventPublisher(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()),
                catalog.events())) {
            var data = Json.mapper().readTree("{\"codec\":\"" + codec + "\"}");
            var sent = java.util.stream.IntStream.range(0, 3).mapToObj(i -> publisher.publish(new EventEnvelope(codec + "-" + i, URI.create("/t"),
                    "reportCreated", Instant.now(), Optional.of("batch"), "acme", data, Optional.empty())))
                    .toList();
            publisher.flush();
            for (var future : sent) {
                future.get();
            }
        }
    }
}
