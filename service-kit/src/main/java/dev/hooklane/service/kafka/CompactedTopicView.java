package dev.hooklane.service.kafka;

import dev.hooklane.contracts.topic.TableVersion;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * An in-memory view of a compacted topic: every key's latest value and its version (see
 * {@link TableVersion}), kept current by a {@link TopicFollower} that reads all partitions from the
 * beginning. A null value removes the key. Writers get read-your-writes by waiting with
 * {@link #awaitOffset} for the offset their write was given; readers of others' writes ask
 * {@link #caughtUpTo} whether the view holds what was written by a given moment.
 *
 * @param <V> the value type
 */
public final class CompactedTopicView<V> implements AutoCloseable {

    /** Told about every change, on the view's thread, after the view holds it. */
    @FunctionalInterface
    public interface ChangeListener<V> {
        void onChange(String key, Optional<V> previous, Optional<V> current);
    }

    /**
     * A value and its version.
     *
     * @param version 1 for a new key, one more with each change; 0 for a record without a version
     */
    public record Versioned<V>(V value, long version) {
    }

    private final Topic<String, V> topic;
    private final ChangeListener<V> listener;
    private final Map<String, Versioned<V>> entries = new ConcurrentHashMap<>();
    private final TopicFollower follower;

    public CompactedTopicView(KafkaSettings settings, Topic<String, V> topic, String clientId, ChangeListener<V> listener) {
        this.topic = topic;
        this.listener = listener;
        this.follower = new TopicFollower(settings, clientId, topic.name(), TopicFollower.Start.beginning(), this::apply);
    }

    public CompactedTopicView(KafkaSettings settings, Topic<String, V> topic, String clientId) {
        this(settings, topic, clientId, (key, previous, current) -> { });
    }

    public CompactedTopicView<V> start() {
        follower.start();
        return this;
    }

    /** The name of the topic this view follows. */
    public String topicName() {
        return topic.name();
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(Versioned::value);
    }

    /** The value of {@code key} with its version. */
    public Optional<Versioned<V>> versioned(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** A copy of every value. */
    public Collection<V> values() {
        return entries.values().stream().map(Versioned::value).toList();
    }

    public int size() {
        return entries.size();
    }

    public boolean isCaughtUp() {
        return follower.isCaughtUp();
    }

    /**
     * True once the reading thread has ended although {@link #close()} was not called (the topic
     * vanished, a listener threw): the view no longer follows the topic, and only a restart of the
     * service brings it back. Liveness and readiness checks ask this.
     */
    public boolean stoppedUnexpectedly() {
        return follower.stoppedUnexpectedly();
    }

    /** Waits until the view holds everything that was in the topic when it started. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    /** Waits until the view has applied the record at {@code offset} of {@code partition}. */
    public boolean awaitOffset(int partition, long offset, Duration timeout) throws InterruptedException {
        return follower.awaitOffset(partition, offset, timeout);
    }

    /** Waits until the view has applied every record below the given end offsets (partition to offset). */
    public boolean awaitEnds(Map<Integer, Long> ends, Duration timeout) throws InterruptedException {
        return follower.awaitEnds(ends, timeout);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            throw new SerializationException("a table record has no key");
        }
        V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        long version = TableVersion.of(record.headers()).orElse(0);
        Versioned<V> previous = value == null ? entries.remove(record.key()) : entries.put(record.key(), new Versioned<>(value, version));
        listener.onChange(record.key(), Optional.ofNullable(previous).map(Versioned::value), Optional.ofNullable(value));
    }

    /**
     * A moment such that the view holds every record written to the topic before it (records of
     * committed transactions, as this view reads them); {@link Instant#EPOCH} until it first caught
     * up. It lags the clock by about one poll while the view keeps up.
     */
    public Instant caughtUpTo() {
        return follower.caughtUpTo();
    }

    /** When the view last polled, to tell a stuck view from a quiet topic. */
    public Instant lastRead() {
        return follower.lastRead();
    }

    @Override
    public void close() {
        follower.close();
    }
}
