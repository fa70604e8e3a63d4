package dev.hooklane.subscriptions.table;

import dev.hooklane.contracts.topic.TableVersion;
import dev.hooklane.service.kafka.CompactedTopicView.Versioned;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One compare-and-set change of a table: {@code value} (empty: a tombstone) replaces what the
 * writer read, {@code basedOn}, if the table still holds exactly that version of the key (empty:
 * the key must be absent).
 *
 * @param <V> the value type
 */
public record Change<V>(VersionedTable<V> table, String key, Optional<Versioned<V>> basedOn, Optional<V> value) {

    public Change {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(basedOn, "basedOn");
        Objects.requireNonNull(value, "value");
    }

    /** The version the record gets: one more than the one it replaces. */
    public long version() {
        return basedOn.map(Versioned::version).orElse(0L) + 1;
    }

    /** Whether the table, as this instance's view has it now, still holds what the change is based on. */
    boolean holds() {
        Optional<Versioned<V>> current = table.versioned(key);
        return current.isPresent() == basedOn.isPresent()
                && current.map(Versioned::version).equals(basedOn.map(Versioned::version));
    }

    ProducerRecord<String, byte[]> record() {
        byte[] bytes = value.map(v -> table.topic().valueSerde().serializer().serialize(table.topic().name(), v)).orElse(null);
        RecordHeaders headers = new RecordHeaders();
        headers.add(TableVersion.HEADER, TableVersion.encode(version()));
        return new ProducerRecord<>(table.topic().name(), null, key, bytes, headers);
    }
}
