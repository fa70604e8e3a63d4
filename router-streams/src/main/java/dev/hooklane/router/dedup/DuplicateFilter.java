package dev.hooklane.router.dedup;

import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Remembers which (tenant, event id) pairs were routed within a window of record time, in a
 * persistent window store whose old segments expire by themselves (see ADR 0007). The store is
 * changelogged, so under exactly-once its content always matches the jobs that were committed.
 */
public final class DuplicateFilter {

    /** The store's name in the topology. */
    public static final String STORE = "event-ids";
    private static final byte[] SEEN = {1};
    private static final char SEPARATOR = '\u0000';

    private final WindowStore<String, byte[]> store;
    private final long windowMillis;

    public DuplicateFilter(WindowStore<String, byte[]> store, Duration window) {
        this.store = Objects.requireNonNull(store, "store");
        this.windowMillis = window.toMillis();
    }

    /** The persistent, changelogged store the filter needs, retaining {@code window} of record time. */
    public static StoreBuilder<WindowStore<String, byte[]>> storeBuilder(Duration window) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(STORE, window, window, false), Serdes.String(), Serdes.ByteArray());
    }

    /** Whether the event was routed within the window around {@code timestamp}. */
    public boolean seen(String tenant, String eventId, long timestamp) {
        try (WindowStoreIterator<byte[]> seen = store.fetch(key(tenant, eventId), Math.max(0, timestamp - windowMillis), timestamp + windowMillis)) {
            return seen.hasNext();
        }
    }

    /** Records the event as routed at {@code timestamp}. */
    public void remember(String tenant, String eventId, long timestamp) {
        store.put(key(tenant, eventId), SEEN, timestamp);
    }

    private static String key(String tenant, String eventId) {
        return tenant + SEPARATOR + eventId;
    }
}
