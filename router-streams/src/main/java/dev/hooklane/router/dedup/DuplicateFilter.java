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

    /**
     * Records the event as seen at {@code timestamp} and tells whether it was already seen within
     * the window before it.
     *
     * @return true for the first sighting within the window, false for a duplicate
     */
    public boolean firstSighting(String tenant, String eventId, long timestamp) {
        String key = tenant + SEPARATOR + eventId;
        try (WindowStoreIterator<byte[]> seen = store.fetch(key, Math.max(0, timestamp - windowMillis), timestamp + windowMillis)) {
            if (seen.hasNext()) {
                return false;
            }
        }
        store.put(key, SEEN, timestamp);
        return true;
    }
}
