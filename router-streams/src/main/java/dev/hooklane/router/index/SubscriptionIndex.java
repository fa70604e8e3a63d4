package dev.hooklane.router.index;

import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.subscription.EventTypePattern;
import dev.hooklane.contracts.subscription.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The subscriptions, indexed for routing in one key-value store:
 * <ul>
 *   <li>{@code <tenant> NUL <pattern> NUL <subscription id>} → {@link RouteTarget}, one entry per
 *       event type pattern, so an event's matches are a few prefix scans;</li>
 *   <li>{@code SOH <subscription id>} → {@link RouteTarget}, to find the old entries on update or delete.</li>
 * </ul>
 * Routing cost follows the number of matches, not the number of subscriptions.
 */
public final class SubscriptionIndex {

    /** The store's name in the topology. */
    public static final String STORE = "subscription-index";
    private static final char SEPARATOR = '\u0000';
    private static final char PRIMARY = '\u0001';
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, RouteTarget> store;

    public SubscriptionIndex(KeyValueStore<String, RouteTarget> store) {
        this.store = store;
    }

    /** The in-memory store the index lives in; not changelogged, since it is rebuilt from the subscriptions topic. */
    public static StoreBuilder<KeyValueStore<String, RouteTarget>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), JsonSerde.of(RouteTarget.class))
                .withLoggingDisabled();
    }

    /** Applies a record of the subscriptions topic: a new version, or a tombstone ({@code null}). */
    public void apply(String subscriptionId, Subscription subscription) {
        RouteTarget previous = store.get(PRIMARY + subscriptionId);
        if (previous != null) {
            for (String pattern : previous.eventTypes()) {
                store.delete(indexKey(previous.tenant(), pattern, subscriptionId));
            }
        }
        if (subscription == null) {
            store.delete(PRIMARY + subscriptionId);
            return;
        }
        RouteTarget target = RouteTarget.of(subscription);
        List<KeyValue<String, RouteTarget>> entries = new ArrayList<>();
        entries.add(KeyValue.pair(PRIMARY + subscriptionId, target));
        for (String pattern : target.eventTypes()) {
            entries.add(KeyValue.pair(indexKey(target.tenant(), pattern, subscriptionId), target));
        }
        store.putAll(entries);
    }

    /** Every subscription of {@code tenant} whose patterns match {@code eventType}, each once. */
    public void forEachMatch(String tenant, String eventType, Consumer<RouteTarget> action) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String pattern : EventTypePattern.patternsMatching(eventType)) {
            try (KeyValueIterator<String, RouteTarget> matches = store.prefixScan(tenant + SEPARATOR + pattern + SEPARATOR, KEYS)) {
                while (matches.hasNext()) {
                    RouteTarget target = matches.next().value;
                    if (seen.add(target.id())) {
                        action.accept(target);
                    }
                }
            }
        }
    }

    private static String indexKey(String tenant, String pattern, String subscriptionId) {
        return tenant + SEPARATOR + pattern + SEPARATOR + subscriptionId;
    }
}
