package dev.hooklane.subscriptions.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.event.EventCodec;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.InvalidEventException;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most recent real events of one tenant and type, for samples of a type without examples. It
 * reads only the last {@code scanPerPartition} records of each partition of the events topic, so
 * the cost is bounded whatever the topic holds; older events are not found.
 */
public final class RecentEvents {

    private static final Logger log = LoggerFactory.getLogger(RecentEvents.class);

    private final KafkaSettings settings;
    private final Topic<String, byte[]> events;
    private final int scanPerPartition;
    private final Duration timeout;

    public RecentEvents(KafkaSettings settings, Topic<String, byte[]> events, int scanPerPartition, Duration timeout) {
        this.settings = settings;
        this.events = events;
        this.scanPerPartition = scanPerPartition;
        this.timeout = timeout;
    }

    /** Up to {@code max} data payloads, newest first. */
    public List<JsonNode> latest(String tenant, String type, int max) {
        List<EventEnvelope> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(settings, "subscription-api-samples", null,
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500)), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(events.name(), timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, timeout);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - scanPerPartition));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        read(record).filter(e -> e.tenant().equals(tenant) && e.type().equals(type)).ifPresent(found::add);
                    }
                }
            }
        } catch (KafkaException e) {
            log.warn("Could not read recent events of type {}: {}", type, e.getMessage());
            return List.of();
        }
        return found.stream().sorted(Comparator.comparing(EventEnvelope::time).reversed()).limit(max).map(EventEnvelope::data).toList();
    }

    private static java.util.Optional<EventEnvelope> read(ConsumerRecord<String, byte[]> record) {
        try {
            return java.util.Optional.of(EventCodec.fromKafkaRecord(record.headers(), record.value(), Instant.ofEpochMilli(record.timestamp())));
        } catch (InvalidEventException e) {
            return java.util.Optional.empty();
        }
    }
}
