package dev.hooklane.subscriptions.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.event.EventCodec;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.InvalidEventException;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.TopicScan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
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
        try {
            TopicScan.run(settings, "subscription-api-samples", events.name(), TopicScan.From.last(scanPerPartition),
                    TopicScan.Limits.toEnd(Long.MAX_VALUE, timeout), record -> {
                        EventEnvelope event = read(record);
                        if (event.tenant().equals(tenant) && event.type().equals(type)) {
                            found.add(event);
                        }
                    });
        } catch (KafkaException e) {
            log.warn("Could not read recent events of type {}: {}", type, e.getMessage());
            return List.of();
        }
        return found.stream().sorted(Comparator.comparing(EventEnvelope::time).reversed()).limit(max).map(EventEnvelope::data).toList();
    }

    /**
     * The event a record of the events topic holds.
     *
     * @throws SerializationException when it holds none (the router dead-letters such records)
     */
    public static EventEnvelope read(ConsumerRecord<String, byte[]> record) {
        try {
            return EventCodec.fromKafkaRecord(record.headers(), record.value(), Instant.ofEpochMilli(record.timestamp()));
        } catch (InvalidEventException e) {
            throw new SerializationException("not an event: " + e.getMessage());
        }
    }
}
