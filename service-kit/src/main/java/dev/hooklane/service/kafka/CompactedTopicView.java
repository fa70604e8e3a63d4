package dev.hooklane.service.kafka;

import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory view of a compacted topic: every key's latest value, kept current by a thread that
 * reads all partitions from the beginning. A null value removes the key. Writers get
 * read-your-writes by waiting with {@link #awaitOffset} for the offset their write was given;
 * readers of others' writes ask {@link #caughtUpTo} whether the view holds what was written by a
 * given moment.
 *
 * @param <V> the value type
 */
public final class CompactedTopicView<V> implements AutoCloseable {

    /** Told about every change, on the view's thread, after the view holds it. */
    @FunctionalInterface
    public interface ChangeListener<V> {
        void onChange(String key, Optional<V> previous, Optional<V> current);
    }

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicView.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ASKED_REFRESH = Duration.ofMillis(100);
    private static final Duration IDLE_REFRESH = Duration.ofSeconds(2);
    private static final Duration ENDS_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);
    private static final Duration TOPIC_RETRY = Duration.ofMillis(200);

    private final Topic<String, V> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ChangeListener<V> listener;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Object progress = new Object();
    private final Thread thread;
    private volatile AtomicLongArray positions = new AtomicLongArray(0);
    private volatile Instant lastRead = Instant.EPOCH;
    private volatile Instant caughtUpTo = Instant.EPOCH;
    private volatile long lastAsked = System.nanoTime() - IDLE_REFRESH.toNanos();

    public CompactedTopicView(KafkaSettings settings, Topic<String, V> topic, String clientId, ChangeListener<V> listener) {
        this.topic = topic;
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(settings, clientId, null, Map.of()),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().name(clientId + "-view").daemon().unstarted(this::run);
    }

    public CompactedTopicView(KafkaSettings settings, Topic<String, V> topic, String clientId) {
        this(settings, topic, clientId, (key, previous, current) -> { });
    }

    public CompactedTopicView<V> start() {
        thread.start();
        return this;
    }

    /** The name of the topic this view follows. */
    public String topicName() {
        return topic.name();
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Collection<V> values() {
        return Collections.unmodifiableCollection(values.values());
    }

    public int size() {
        return values.size();
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /**
     * True once the reading thread has ended although {@link #close()} was not called (the topic
     * vanished, a listener threw): the view no longer follows the topic, and only a restart of the
     * service brings it back. Liveness checks ask this.
     */
    public boolean stoppedUnexpectedly() {
        return running.get() && thread.getState() == Thread.State.TERMINATED;
    }

    /** Waits until the view holds everything that was in the topic when it started. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the view has applied the record at {@code offset} of {@code partition}. */
    public boolean awaitOffset(int partition, long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (position(partition) <= offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    private long position(int partition) {
        AtomicLongArray current = positions;
        return partition < current.length() ? current.get(partition) : -1;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitionsOnceVisible();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant endsAsOf = Instant.now();
            Map<TopicPartition, Long> startEnds = consumer.endOffsets(partitions);
            positions = new AtomicLongArray(partitions.size());
            updatePositions(partitions);
            maybeCaughtUp(startEnds);
            Map<TopicPartition, Long> ends = startEnds;
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                updatePositions(partitions);
                maybeCaughtUp(startEnds);
                if (reached(ends)) {
                    caughtUpTo = endsAsOf;
                    // End offsets cost the broker a request: often while someone waits on them, seldom otherwise.
                    Duration every = System.nanoTime() - lastAsked < IDLE_REFRESH.toNanos() ? ASKED_REFRESH : IDLE_REFRESH;
                    if (Duration.between(endsAsOf, Instant.now()).compareTo(every) >= 0) {
                        Instant asOf = Instant.now();
                        Optional<Map<TopicPartition, Long>> fresh = endOffsets(partitions);
                        if (fresh.isPresent()) {
                            endsAsOf = asOf;
                            ends = fresh.get();
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                log.error("View of {} woken up unexpectedly", topic, e);
            }
        } catch (RuntimeException e) {
            log.error("View of {} stopped: {}", topic, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("View of {} interrupted", topic);
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /**
     * The topic's partitions, waiting while the broker does not know the topic yet: a topic created
     * a moment ago reaches the brokers' metadata a little later. Empty when closed while waiting.
     *
     * @throws IllegalStateException when the topic is still unknown after {@link #TOPIC_WAIT}
     */
    private List<TopicPartition> partitionsOnceVisible() throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
        while (running.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), TOPIC_WAIT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("topic " + topic.name() + " does not exist");
            }
            log.debug("View of {}: the topic is not known yet; asking again", topic);
            Thread.sleep(TOPIC_RETRY.toMillis());
        }
        return List.of();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            log.warn("Skipping record without key in {} partition {} offset {}", record.topic(), record.partition(), record.offset());
            return;
        }
        V value;
        try {
            value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            log.warn("Skipping unreadable record in {} partition {} offset {}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        V previous = value == null ? values.remove(record.key()) : values.put(record.key(), value);
        listener.onChange(record.key(), Optional.ofNullable(previous), Optional.ofNullable(value));
    }

    private void updatePositions(List<TopicPartition> partitions) {
        AtomicLongArray current = positions;
        for (TopicPartition partition : partitions) {
            current.set(partition.partition(), consumer.position(partition));
        }
        lastRead = Instant.now();
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void maybeCaughtUp(Map<TopicPartition, Long> startEnds) {
        if (caughtUp.getCount() == 0 || !reached(startEnds)) {
            return;
        }
        log.info("View of {} loaded: {} entries", topic, values.size());
        caughtUp.countDown();
    }

    /** The end offsets now, or empty while the broker cannot say (the view keeps reading; it asks again later). */
    private Optional<Map<TopicPartition, Long>> endOffsets(List<TopicPartition> partitions) {
        try {
            return Optional.of(consumer.endOffsets(partitions, ENDS_TIMEOUT));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            log.debug("View of {}: end offsets unknown for now ({})", topic, e.getMessage());
            return Optional.empty();
        }
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (var entry : ends.entrySet()) {
            if (position(entry.getKey().partition()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A moment such that the view holds every record written to the topic before it (records of
     * committed transactions, as this view reads them); {@link Instant#EPOCH} until it first caught
     * up. It lags the clock by about one poll while the view keeps up.
     */
    public Instant caughtUpTo() {
        lastAsked = System.nanoTime();
        return caughtUpTo;
    }

    /** When the view last polled, to tell a stuck view from a quiet topic. */
    public Instant lastRead() {
        return lastRead;
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
