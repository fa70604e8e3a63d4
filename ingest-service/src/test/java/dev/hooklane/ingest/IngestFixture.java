package dev.hooklane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.event.EventCodec;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.InvalidEventException;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.tenant.ApiKey;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.openapi.OpenApiContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real parts around an ingest service under test: a tenant with an API key, HTTP calls, and a reader of the events topic. */
final class IngestFixture {

    static final OpenApiContract CONTRACT = OpenApiContract.fromResource(IngestService.OPENAPI);

    private final KafkaSettings kafka;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    IngestFixture(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    /** Creates the topics and a tenant, and returns a fresh API key of it. */
    String createTenant(String tenant) throws ExecutionException, InterruptedException {
        KafkaClients.ensureTopics(kafka, "test");
        String key = ApiKey.newKeyText();
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<>(KafkaClients.producer(kafka, "test", Map.of()), new StringSerializer(), new StringSerializer())) {
            Tenant record = new Tenant(tenant, tenant, WebhookSecret.generate().encoded(), now, Optional.empty());
            producer.send(new ProducerRecord<>(kafka.catalog().tenants().name(), tenant, json(Tenant.class, record))).get();
            ApiKey apiKey = ApiKey.issue(key, tenant, "test", now);
            producer.send(new ProducerRecord<>(kafka.catalog().apiKeys().name(), apiKey.hash(), json(ApiKey.class, apiKey))).get();
        }
        return key;
    }

    private static <T> String json(Class<T> type, T value) {
        return new String(JsonSerde.of(type).toBytes(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    HttpResponse<String> post(int port, String apiKey, String contentType, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        // Every exchange of the tests is held to the served document, so code and document cannot drift apart. A binary-mode
        // body is the event's data, whatever its content type: the document describes no schema for it.
        Optional<String> described = headers.containsKey("ce-specversion") ? Optional.empty() : Optional.ofNullable(contentType);
        assertThat(CONTRACT.violations(new OpenApiContract.Exchange("POST", "/v1/events", described, body,
                response.statusCode(), response.headers().firstValue("Content-Type"), response.body()))).isEmpty();
        return response;
    }

    /** Every record of the events topic, from the beginning up to its current end. */
    List<ConsumerRecord<String, byte[]>> storedRecords() {
        Map<String, Object> props = Map.of();
        try (var consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, "test-reader", null, props), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(kafka.catalog().events().name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The events stored on the events topic, decoded. */
    List<EventEnvelope> storedEvents() {
        return storedRecords().stream().map(record -> {
            try {
                return EventCodec.fromKafkaRecord(record.headers(), record.value(), Instant.ofEpochMilli(record.timestamp()));
            } catch (InvalidEventException e) {
                throw new AssertionError("an unreadable event was stored: " + e.getMessage(), e);
            }
        }).toList();
    }

    List<String> storedIds() {
        return storedEvents().stream().map(EventEnvelope::id).toList();
    }
}
