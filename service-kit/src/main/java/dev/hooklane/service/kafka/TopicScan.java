package dev.hooklane.service.kafka;

import dev.hooklane.service.config.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A bounded read of some partitions of a topic, on the caller's thread: from a start (a time, or
 * the last records of each partition) up to the end each partition had when the scan began, or
 * until a record written after {@code until}; within a limit of records and of time. Nothing is
 * kept: each record goes to the handler, and one it cannot read ({@link SerializationException})
 * is skipped and counted like a {@link TopicFollower}'s.
 */
public final class TopicScan {

    /**
     * What a scan read.
     *
     * @param complete false when a limit stopped it before the end
     */
    public record Outcome(long scanned, boolean complete) {
    }

    /** Where a scan starts in each partition. */
    public sealed interface From {
        /** The first record written at or after {@code time}. */
        static From since(Instant time) {
            return new Since(Objects.requireNonNull(time, "time"));
        }

        /** The last {@code records} records of each partition. */
        static From last(int records) {
            return new Last(records);
        }
    }

    record Since(Instant time) implements From {
    }

    record Last(int records) implements From {
    }

    /**
     * The bounds of a scan.
     *
     * @param until records written after this end the scan of their partition
     * @param maxRecords most records read
     * @param maxTime longest time spent
     */
    public record Limits(Instant until, long maxRecords, Duration maxTime) {
        /** No time bound: up to the end each partition had when the scan began. */
        public static Limits toEnd(long maxRecords, Duration maxTime) {
            return new Limits(Instant.ofEpochMilli(Long.MAX_VALUE), maxRecords, maxTime);
        }
    }

    private TopicScan() {
    }

    /**
     * Scans every partition of {@code topic}.
     *
     * @param reader names the scan in its Kafka client id and in the count of unreadable records
     */
    public static Outcome run(KafkaSettings kafka, String reader, String topic, From from, Limits limits, TopicFollower.Handler handler) {
        return scan(kafka, reader, consumer -> consumer.partitionsFor(topic, limits.maxTime()).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList(), from, limits, handler);
    }

    /**
     * Scans {@code partitions}.
     *
     * @param reader names the scan in its Kafka client id and in the count of unreadable records
     */
    public static Outcome run(KafkaSettings kafka, String reader, List<TopicPartition> partitions, From from, Limits limits,
                              TopicFollower.Handler handler) {
        return scan(kafka, reader, consumer -> partitions, from, limits, handler);
    }

    private static Outcome scan(KafkaSettings kafka, String reader, java.util.function.Function<KafkaConsumer<?, ?>, List<TopicPartition>> which,
                                From from, Limits limits, TopicFollower.Handler handler) {
        UnreadableRecords unreadable = UnreadableRecords.shared();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, reader, null,
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000)), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = which.apply(consumer);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, limits.maxTime()));
            seek(consumer, partitions, from, ends, limits.maxTime());
            long deadline = System.nanoTime() + limits.maxTime().toNanos();
            long scanned = 0;
            while (!ends.isEmpty()) {
                if (scanned >= limits.maxRecords() || System.nanoTime() > deadline) {
                    return new Outcome(scanned, false);
                }
                ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long end = ends.get(partition);
                    if (end == null || record.offset() >= end) {
                        continue;
                    }
                    if (record.timestamp() > limits.until().toEpochMilli()) {
                        ends.remove(partition);
                        continue;
                    }
                    scanned++;
                    try {
                        handler.handle(record);
                    } catch (SerializationException e) {
                        unreadable.skipped(reader, record, e.getMessage());
                    }
                }
            }
            return new Outcome(scanned, true);
        }
    }

    private static void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, From from, Map<TopicPartition, Long> ends,
                             Duration timeout) {
        switch (from) {
            case Since since -> {
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(partition -> query.put(partition, since.time().toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, timeout);
                for (TopicPartition partition : partitions) {
                    OffsetAndTimestamp start = starts.get(partition);
                    consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
                }
            }
            case Last last -> {
                Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, timeout);
                for (TopicPartition partition : partitions) {
                    consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - last.records()));
                }
            }
        }
    }
}
