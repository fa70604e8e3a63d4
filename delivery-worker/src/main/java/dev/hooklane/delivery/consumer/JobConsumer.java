package dev.hooklane.delivery.consumer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes job topics with many records in flight per partition. Each record is handed to a
 * {@link RecordHandler} at once; a partition pauses when its window is full. Offsets are committed
 * only up to the lowest unresolved record. On revocation or shutdown, in-flight work gets a bounded
 * time to finish; what is left is redelivered to the next owner (duplicates possible, loss never).
 */
public final class JobConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobConsumer.class);
    private static final Duration COMMIT_EVERY = Duration.ofMillis(200);

    private final String name;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final RecordHandler handler;
    private final int window;
    private final Duration grace;
    private final OffsetTracker tracker = new OffsetTracker();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<TopicPartition> paused = new HashSet<>();
    private final Thread thread;
    private long lastCommit = System.nanoTime();

    public JobConsumer(String name, Properties consumerProps, List<String> topics, RecordHandler handler, int window, Duration grace) {
        this.name = name;
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.window = window;
        this.grace = grace;
        this.thread = Thread.ofPlatform().name(name).unstarted(this::run);
    }

    public JobConsumer start() {
        thread.start();
        return this;
    }

    /** Records being worked on now. */
    public int inFlight() {
        return tracker.inFlight();
    }

    public KafkaConsumer<String, byte[]> kafkaConsumer() {
        return consumer;
    }

    private void run() {
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    dispatch(record);
                }
                adjustPauses();
                commitIfDue();
            }
        } catch (WakeupException e) {
            if (running.get()) {
                log.error("{} woken up unexpectedly", name, e);
            }
        } catch (RuntimeException e) {
            log.error("{} stopped on an unexpected error", name, e);
        } finally {
            drainAndCommit(consumer.assignment());
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
            log.info("{} stopped", name);
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        OffsetTracker.Resolution resolution = tracker.started(partition, record.offset());
        try {
            handler.handle(record).whenComplete((done, error) -> {
                if (error != null) {
                    log.error("{}: handler failed for {}-{} offset {}; it will be redelivered after a restart", name,
                            record.topic(), record.partition(), record.offset(), error);
                    return;
                }
                resolution.resolve();
            });
        } catch (RuntimeException e) {
            log.error("{}: handler threw for {}-{} offset {}; it will be redelivered after a restart", name,
                    record.topic(), record.partition(), record.offset(), e);
        }
    }

    private void adjustPauses() {
        Set<TopicPartition> toPause = new HashSet<>();
        Set<TopicPartition> toResume = new HashSet<>();
        for (TopicPartition partition : consumer.assignment()) {
            int inFlight = tracker.inFlight(partition);
            if (inFlight >= window && !paused.contains(partition)) {
                toPause.add(partition);
            } else if (inFlight < window && paused.contains(partition)) {
                toResume.add(partition);
            }
        }
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
            paused.addAll(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
            paused.removeAll(toResume);
        }
    }

    private void commitIfDue() {
        if (System.nanoTime() - lastCommit < COMMIT_EVERY.toNanos()) {
            return;
        }
        lastCommit = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.toCommit(null);
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error == null) {
                    tracker.committed(committed);
                } else {
                    log.warn("{}: commit failed, will retry: {}", name, error.toString());
                }
            });
        }
    }

    /** Lets in-flight work of {@code partitions} finish within the grace period, then commits what is resolved. */
    private void drainAndCommit(Collection<TopicPartition> partitions) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (tracker.inFlight(partitions) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = tracker.inFlight(partitions);
        if (left > 0) {
            log.warn("{}: {} jobs still in flight after {}; the next owner will redeliver them", name, left, grace);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.toCommit(partitions);
        if (!offsets.isEmpty()) {
            try {
                consumer.commitSync(offsets, Duration.ofSeconds(10));
                tracker.committed(offsets);
            } catch (RuntimeException e) {
                log.warn("{}: final commit failed; the next owner will redeliver from the last commit: {}", name, e.toString());
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            tracker.assigned(partitions);
            log.info("{}: assigned {}", name, partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drainAndCommit(partitions);
            tracker.revoked(partitions);
            paused.removeAll(partitions);
            log.info("{}: revoked {}", name, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            tracker.revoked(partitions);
            paused.removeAll(partitions);
            log.warn("{}: lost {}; their in-flight jobs will be redelivered to the new owner", name, partitions);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(grace.plusSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
