package dev.hooklane.subscriptions.attempts;

import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts topic, materialized in memory for the API: read from {@code lookback} ago at start
 * and followed from then on, by a thread of its own. Memory is bounded by {@link AttemptIndex}
 * (newest N per subscription, a byte budget over all); older history stays in the topic.
 */
public final class AttemptLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttemptLog.class);

    private final Topic<String, AttemptRecord> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AttemptIndex index;
    private final Duration lookback;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final Thread thread;

    public AttemptLog(KafkaSettings kafka, Topic<String, AttemptRecord> topic, HistorySettings settings, Clock clock) {
        this.topic = topic;
        this.index = new AttemptIndex(settings.attemptLogMaxBytes(), settings.attemptsPerSubscription());
        this.lookback = settings.attemptLogLookback();
        this.clock = clock;
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, "subscription-api-attempts", null, Map.of()),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().daemon().name("attempt-log").unstarted(this::run);
    }

    public AttemptLog start() {
        thread.start();
        return this;
    }

    /** Attempts of one subscription, newest first. */
    List<AttemptIndex.Entry> ofSubscription(String subscriptionId) {
        return index.ofSubscription(subscriptionId);
    }

    /** The attempts of one subscription this instance remembers, newest first. */
    public List<AttemptRecord> recent(String subscriptionId) {
        return index.ofSubscription(subscriptionId).stream().map(entry -> entry.record).toList();
    }

    /** Attempts of one event of one tenant, over all its subscriptions, newest first. */
    List<AttemptIndex.Entry> ofEvent(String tenant, String eventId) {
        return index.ofEvent(tenant, eventId);
    }

    Optional<String> tenantOfSubscription(String subscriptionId) {
        return index.tenantOfSubscription(subscriptionId);
    }

    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    /** True once the reading thread has ended although {@link #close()} was not called: the log no longer grows. */
    public boolean stoppedUnexpectedly() {
        return running.get() && thread.getState() == Thread.State.TERMINATED;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            seekToLookback(partitions);
            Map<TopicPartition, Long> startEnds = consumer.endOffsets(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (loaded.getCount() > 0 && startEnds.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    log.info("Attempt log loaded: {} attempts, about {} bytes", index.size(), index.bytes());
                    loaded.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                log.error("Attempt log woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            log.error("Attempt log stopped: {}", e.getMessage(), e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void seekToLookback(List<TopicPartition> partitions) {
        long since = clock.instant().minus(lookback).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp at = found.get(partition);
            consumer.seek(partition, at == null ? ends.get(partition) : at.offset());
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            AttemptRecord attempt = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (attempt != null) {
                index.add(attempt);
            }
        } catch (SerializationException | IllegalArgumentException | NullPointerException e) {
            log.warn("Skipping unreadable attempt in {} partition {} offset {}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
