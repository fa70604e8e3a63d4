package dev.hooklane.subscriptions.table;

import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.CompactedTopicView;
import dev.hooklane.service.kafka.CompactedTopicView.Versioned;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A table of the API on a compacted topic (subscriptions, tenants, api-keys, event types): reads
 * come from this instance's view; every write is a compare-and-set against the key's current
 * version, across instances ({@link TableWriter}), and returns once this instance's view holds it.
 * Each record carries its version ({@link dev.hooklane.contracts.topic.TableVersion}).
 *
 * @param <V> the value type
 */
public final class VersionedTable<V> implements AutoCloseable {

    private final Topic<String, V> topic;
    private final CompactedTopicView<V> view;
    private final TableWriter writer;

    public VersionedTable(KafkaSettings settings, Topic<String, V> topic, String clientId, Duration writeTimeout) {
        this.topic = topic;
        this.view = new CompactedTopicView<>(settings, topic, clientId).start();
        this.writer = new TableWriter(settings, topic.name(), clientId, writeTimeout);
    }

    public CompactedTopicView<V> view() {
        return view;
    }

    public Optional<V> get(String key) {
        return view.get(key);
    }

    /** The value of {@code key} and its version, as this instance's view has it. */
    public Optional<Versioned<V>> versioned(String key) {
        return view.versioned(key);
    }

    public Collection<V> values() {
        return view.values();
    }

    /**
     * Changes {@code key} from what it is after every earlier write: {@code change} sees the
     * current value and version and says what to write; it may throw to refuse, and then nothing
     * is written.
     *
     * @return the key afterwards (empty when deleted or absent)
     */
    public Optional<Versioned<V>> change(String key, Function<Optional<Versioned<V>>, Write<V>> change) {
        return writer.write(view, topic.valueSerde().serializer(), key, change::apply);
    }

    /** Writes {@code value} over whatever version of {@code key} is current: the last write wins. */
    public Versioned<V> put(String key, V value) {
        return change(key, current -> Write.put(value)).orElseThrow();
    }

    /** Writes {@code value} if {@code key} is absent; throws what {@code exists} gives otherwise. */
    public Versioned<V> create(String key, V value, Supplier<? extends RuntimeException> exists) {
        return change(key, current -> {
            if (current.isPresent()) {
                throw exists.get();
            }
            return Write.put(value);
        }).orElseThrow();
    }

    @Override
    public void close() {
        writer.close();
        view.close();
    }
}
