package dev.hooklane.delivery.consumer;

import dev.hooklane.delivery.job.JobOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the jobs a partition's last owner ended after its last commit. Every record that ends a
 * job's stay in a topic (a success's attempt record, the job in its next tier, its dead letter)
 * names the job record it ends ({@link JobOrigin}). A crash between such a write and the commit
 * that names the job would make the next owner attempt it again: a second request, or a second copy
 * beside the one already in a tier. So, on taking partitions over, the next owner reads what was
 * written to those topics since its last owner took the state it committed, and skips the jobs it
 * finds there. Those records are in Kafka, so the job truly ended: skipping it loses nothing.
 *
 * <p>Reading is bounded: from 5 s before the earliest time the commits carry to 5 s after the
 * latest (records stamped later were not written by the last owners), at most 50,000 records per
 * partition and 5 s in all. A job missed here is only attempted again, as it would be without
 * this. Used from the consumer's poll thread only.
 */
public final class FinishedJobs implements AutoCloseable {

    /** Finds nothing: every job above the commit is attempted again. */
    public static final FinishedJobs NONE = new FinishedJobs(null, List.of());

    private static final Logger log = LoggerFactory.getLogger(FinishedJobs.class);
    /** How much earlier than its committed state a record may carry a time: a write is stamped when sent, and acknowledged later. */
    private static final Duration SEND_MARGIN = Duration.ofSeconds(5);
    /** From when to read when the last owner did not say when it committed (an older worker, or no commit). */
    private static final Duration UNKNOWN_LOOKBACK = Duration.ofMinutes(2);
    private static final int MAX_RECORDS_PER_PARTITION = 50_000;
    private static final Duration MAX_READ_TIME = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConsumer<byte[], byte[]> reader;
    private final List<String> topics;

    /**
     * @param readerProps a consumer without a group
     * @param topics the topics that records ending a job go to
     */
    public FinishedJobs(Properties readerProps, List<String> topics) {
        this.reader = readerProps == null ? null : new KafkaConsumer<>(readerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = List.copyOf(topics);
    }

    /**
     * What a reading found.
     *
     * @param offsets per partition taken over, the offsets at or above its commit whose jobs were ended
     * @param read records read
     */
    record Ended(Map<TopicPartition, Set<Long>> offsets, int read, Duration took) {
        static final Ended NOTHING = new Ended(Map.of(), 0, Duration.ZERO);
    }

    /**
     * Offsets of {@code inherited}'s partitions, at or above their committed offsets, whose jobs
     * records written since their last owners' committed state say were ended.
     */
    Ended endedAfterCommit(Map<TopicPartition, OffsetTracker.Inherited> inherited) {
        if (reader == null || inherited.isEmpty()) {
            return Ended.NOTHING;
        }
        long started = System.nanoTime();
        Instant now = Instant.now();
        // The last owners wrote what they ended after they took their committed states, and before they stopped: a
        // live owner takes its state again every second, so each stopped soon after the time its commit carries.
        Instant since = inherited.values().stream()
                .map(last -> last.takenAt().map(at -> at.minus(SEND_MARGIN)).orElse(now.minus(UNKNOWN_LOOKBACK)))
                .min(Instant::compareTo).orElseThrow();
        Instant until = inherited.values().stream()
                .map(last -> last.takenAt().map(at -> at.plus(SEND_MARGIN)).orElse(now))
                .max(Instant::compareTo).orElseThrow();
        Map<TopicPartition, Set<Long>> ended = new HashMap<>();
        int read = 0;
        try {
            List<TopicPartition> outputs = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : reader.partitionsFor(topic, REQUEST_TIMEOUT)) {
                    outputs.add(new TopicPartition(topic, info.partition()));
                }
            }
            reader.assign(outputs);
            Map<TopicPartition, Long> ends = reader.endOffsets(outputs, REQUEST_TIMEOUT);
            Map<TopicPartition, Long> times = new HashMap<>();
            outputs.forEach(partition -> times.put(partition, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = reader.offsetsForTimes(times, REQUEST_TIMEOUT);
            Set<TopicPartition> unread = new HashSet<>();
            for (TopicPartition partition : outputs) {
                long end = ends.getOrDefault(partition, 0L);
                OffsetAndTimestamp start = starts.get(partition);
                long from = start == null ? end : Math.max(start.offset(), end - MAX_RECORDS_PER_PARTITION);
                reader.seek(partition, from);
                if (from < end) {
                    unread.add(partition);
                }
            }
            long deadline = started + MAX_READ_TIME.toNanos();
            while (!unread.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    read++;
                    if (record.timestamp() > until.toEpochMilli()) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        if (unread.remove(partition)) {
                            reader.pause(List.of(partition));
                        }
                        continue;
                    }
                    JobOrigin.in(record.headers()).ifPresent(origin -> {
                        OffsetTracker.Inherited last = inherited.get(origin.partition());
                        if (last != null && origin.offset() >= last.committed()) {
                            ended.computeIfAbsent(origin.partition(), p -> new HashSet<>()).add(origin.offset());
                        }
                    });
                }
                unread.removeIf(partition -> reader.position(partition, REQUEST_TIMEOUT) >= ends.get(partition));
                reader.pause(reader.assignment().stream().filter(partition -> !unread.contains(partition)).toList());
            }
            if (!unread.isEmpty()) {
                log.warn("Stopped reading for jobs ended after the last commit of {} after {}; {} partitions were left unread, "
                        + "and the jobs they name will be attempted again", inherited.keySet(), MAX_READ_TIME, unread.size());
            }
        } catch (RuntimeException e) {
            log.warn("Could not read for jobs ended after the last commit of {}; they will be attempted again: {}", inherited.keySet(),
                    e.toString());
        } finally {
            reader.resume(reader.paused());
            reader.assign(List.of());
        }
        return new Ended(ended, read, Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }
}
