package dev.hooklane.subscriptions.table;

import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.CompactedTopicView;
import dev.hooklane.service.kafka.CompactedTopicView.Versioned;
import java.util.Collection;
import java.util.Optional;

/**
 * A table of the API on a compacted topic: reads come from this instance's view, writes go through
 * the {@link TableWriter} as compare-and-set changes against the version the reader saw.
 *
 * @param <V> the value type
 */
public final class VersionedTable<V> implements AutoCloseable {

    private final Topic<String, V> topic;
    private final CompactedTopicView<V> view;

    public VersionedTable(KafkaSettings settings, Topic<String, V> topic, String clientId) {
        this.topic = topic;
        this.view = new CompactedTopicView<>(settings, topic, clientId).start();
    }

    public Topic<String, V> topic() {
        return topic;
    }

    public CompactedTopicView<V> view() {
        return view;
    }

    public Optional<V> get(String key) {
        return view.get(key);
    }

    /** The value of {@code key} and the version a change of it must name. */
    public Optional<Versioned<V>> versioned(String key) {
        return view.versioned(key);
    }

    public Collection<V> values() {
        return view.values();
    }

    /** Writes {@code value} over {@code basedOn} (empty: the key must be absent). */
    public Change<V> put(String key, Optional<Versioned<V>> basedOn, V value) {
        return new Change<>(this, key, basedOn, Optional.of(value));
    }

    /** Deletes {@code key} (a tombstone) if it still is {@code basedOn}. */
    public Change<V> delete(String key, Versioned<V> basedOn) {
        return new Change<>(this, key, Optional.of(basedOn), Optional.empty());
    }

    @Override
    public void close() {
        view.close();
    }
}
