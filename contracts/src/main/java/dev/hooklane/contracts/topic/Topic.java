package dev.hooklane.contracts.topic;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic and its serdes, travelling together as one value, plus what is needed to create it.
 *
 * @param name full topic name, prefix included
 * @param partitions partition count used when the topic is created
 * @param configs topic configs used when the topic is created (e.g. {@code cleanup.policy=compact})
 * @param keySerde serde of the record keys
 * @param valueSerde serde of the record values
 */
public record Topic<K, V>(String name, int partitions, Map<String, String> configs, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name is blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 for " + name);
        }
        configs = Map.copyOf(configs);
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    @Override
    public String toString() {
        return name;
    }
}
