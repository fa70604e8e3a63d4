package dev.hooklane.router.index;

import dev.hooklane.contracts.subscription.EventTypePattern;
import dev.hooklane.contracts.subscription.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The subscriptions, indexed for routing in one key-value store:
 * <ul>
 *   <li>{@code <tenant> NUL <pattern> NUL <subscription id>} → subscription, one entry per event
 *       type pattern, so an event's matches are a few prefix scans;</li>
 *   <li>{@code SOH <subscription id>} → subscription, to find the old entries on update or delete.</li>
 * </ul>
 * Routing cost follows the number of matches, not the number of subscriptions.
 */
public final class SubscriptionIndex {

    /** The store's name in the topology. */
    public static final String STORE = "subscription-index";
    private static final char SEPARATOR = '\u0000';
    private static final char PRIMARY = '\u0001';
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, Subscription> store;

    public SubscriptionIndex(KeyValueStore<String, Subscription> store) {
        this.store = store;
    }

    /** Applies a record of the subscriptions topic: a new version, or a tombstone ({@code null}). */
    public void apply(String subscriptionId, Subscription subscription) {
        Subscription previous = store.get(PRIMARY + subscriptionId);
        if (previous != null) {
            for (String pattern : previous.eventTypes()) {
                store.delete(indexKey(previous.tenant(), pattern, subscriptionId));
            }
        }
        if (subscription == null) {
            store.delete(PRIMARY + subscriptionId);
            return;
        }
        List<KeyValue<String, Subscription>> entries = new ArrayList<>();
        entries.add(KeyValue.pair(PRIMARY + subscriptionId, subscription));
        for (String pattern : subscription.eventTypes()) {
            entries.add(KeyValue.pair(indexKey(subscription.tenant(), pattern, subscriptionId), subscription));
        }
        store.putAll(entries);
    }

    /** Every subscription of {@code tenant} whose patterns match {@code eventType}, each once. */
    public void forEachMatch(String tenant, String eventType, Consumer<Subscription> action) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String pattern : EventTypePattern.patternsMatching(eventType)) {
            try (KeyValueIterator<String, Subscription> matches = store.prefixScan(tenant + SEPARATOR + pattern + SEPARATOR, KEYS)) {
                while (matches.hasNext()) {
                    Subscription subscription = matches.next().value;
                    if (seen.add(subscription.id())) {
                        action.accept(subscription);
                    }
                }
            }
        }
    }

    private static String indexKey(String tenant, String pattern, String subscriptionId) {
        return tenant + SEPARATOR + pattern + SEPARATOR + subscriptionId;
    }
}
