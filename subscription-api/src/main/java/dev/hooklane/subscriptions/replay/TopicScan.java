package dev.hooklane.subscriptions.replay;

import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads some partitions of a topic from the first record written at or after a time up to the end
 * they had when the scan began, or until a record written after {@code until}; within a limit of
 * records and of time. Nothing is kept: each record goes to the visitor.
 */
final class TopicScan {

    /**
     * What a scan read.
     *
     * @param complete false when a limit stopped it before the end
     */
    record Outcome(long scanned, boolean complete) {
    }

    private TopicScan() {
    }

    static Outcome run(KafkaSettings kafka, List<TopicPartition> partitions, Instant from, Instant until, long maxRecords, Duration maxTime,
                       Consumer<ConsumerRecord<String, byte[]>> visitor) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, "subscription-api-scan", null, Map.of()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(partition -> query.put(partition, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
            }
            long deadline = System.nanoTime() + maxTime.toNanos();
            long scanned = 0;
            while (!ends.isEmpty()) {
                if (scanned >= maxRecords || System.nanoTime() > deadline) {
                    return new Outcome(scanned, false);
                }
                ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long end = ends.get(partition);
                    if (end == null || record.offset() >= end) {
                        continue;
                    }
                    if (record.timestamp() > until.toEpochMilli()) {
                        ends.remove(partition);
                        continue;
                    }
                    scanned++;
                    visitor.accept(record);
                }
            }
            return new Outcome(scanned, true);
        }
    }
}
