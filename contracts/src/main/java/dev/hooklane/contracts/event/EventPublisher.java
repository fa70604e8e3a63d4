package dev.hooklane.contracts.event;

import dev.hooklane.contracts.topic.Topic;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events straight to the events topic, in structured CloudEvents JSON, durably
 * ({@code acks=all}, idempotent). For Java services that produce to Kafka instead of posting to the
 * ingest service.
 *
 * <pre>{@code
 * try (var publisher = EventPublisher.create("localhost:9092", TopicCatalog.defaults(6).events())) {
 *     publisher.publish(envelope).join();
 * }
 * }</pre>
 */
public final class EventPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;

    public EventPublisher(Producer<String, byte[]> producer, Topic<String, byte[]> events) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(events, "events").name();
    }

    /** A publisher with its own durable producer. */
    public static EventPublisher create(String bootstrapServers, Topic<String, byte[]> events) {
        return new EventPublisher(new KafkaProducer<>(durableProducerConfig(bootstrapServers, Map.of()),
                new StringSerializer(), new ByteArraySerializer()), events);
    }

    /** Producer settings that never drop an acknowledged write. */
    public static Properties durableProducerConfig(String bootstrapServers, Map<String, Object> overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.putAll(overrides);
        return props;
    }

    /** Completes when the broker acknowledged the write, exceptionally when it did not. */
    public CompletableFuture<RecordMetadata> publish(EventEnvelope envelope) {
        var record = new ProducerRecord<>(topic, null, envelope.partitionKey(), EventCodec.toStructuredJson(envelope),
                new RecordHeaders().add("content-type", EventCodec.STRUCTURED_CONTENT_TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
