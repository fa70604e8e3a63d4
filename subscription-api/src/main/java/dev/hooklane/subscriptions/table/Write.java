package dev.hooklane.subscriptions.table;

import java.util.Objects;

/**
 * What a change writes over a key's current value.
 *
 * @param <V> the value type
 */
public sealed interface Write<V> {

    /** Writes {@code value} as the key's next version. */
    record Put<V>(V value) implements Write<V> {
        public Put {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Deletes the key (a tombstone). */
    record Delete<V>() implements Write<V> {
    }

    /** Writes nothing: the key stays as it is. */
    record Keep<V>() implements Write<V> {
    }

    static <V> Write<V> put(V value) {
        return new Put<>(value);
    }

    static <V> Write<V> delete() {
        return new Delete<>();
    }

    static <V> Write<V> keep() {
        return new Keep<>();
    }
}
