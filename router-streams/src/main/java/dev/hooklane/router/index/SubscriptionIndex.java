package dev.hooklane.router.index;

import dev.hooklane.contracts.subscription.EventTypePattern;
import dev.hooklane.contracts.subscription.Subscription;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The subscriptions, indexed for routing: a global state store that holds {@link RouteTarget}
 * objects, found by tenant and event type pattern, so an event's matches are a few map lookups and
 * no entry is decoded on a match. Routing cost follows the number of matches, not the number of
 * subscriptions.
 *
 * <p>The global thread writes ({@link #apply}) while stream threads read ({@link #forEachMatch}):
 * the maps are concurrent, and a reader sees each subscription either before or after a change.
 * Nothing is changelogged or kept on disk: the index is rebuilt from the subscriptions topic at
 * every start, by the same processor that keeps it in step ({@link SubscriptionIndexer}).
 */
public final class SubscriptionIndex implements StateStore {

    /** The store's name in the topology. */
    public static final String STORE = "subscription-index";

    /** Tenant, then pattern, then subscription id. */
    private final Map<String, Map<String, Map<String, RouteTarget>>> byTenant = new ConcurrentHashMap<>();
    private final Map<String, RouteTarget> byId = new ConcurrentHashMap<>();
    private volatile boolean open;

    /** The store for the topology: in memory, not changelogged, since it is rebuilt from the subscriptions topic. */
    public static StoreBuilder<SubscriptionIndex> storeBuilder() {
        return new Builder();
    }

    /** Applies a record of the subscriptions topic: a new version, or a tombstone ({@code null}). */
    public void apply(String subscriptionId, Subscription subscription) {
        RouteTarget previous = subscription == null ? byId.remove(subscriptionId) : byId.put(subscriptionId, RouteTarget.of(subscription));
        if (previous != null) {
            Map<String, Map<String, RouteTarget>> patterns = byTenant.get(previous.tenant());
            for (String pattern : previous.eventTypes()) {
                Map<String, RouteTarget> targets = patterns == null ? null : patterns.get(pattern);
                if (targets != null) {
                    targets.remove(subscriptionId);
                    if (targets.isEmpty()) {
                        // Only the global thread writes, so nothing is added to it between these two lines.
                        patterns.remove(pattern);
                    }
                }
            }
        }
        if (subscription != null) {
            RouteTarget target = byId.get(subscriptionId);
            Map<String, Map<String, RouteTarget>> patterns = byTenant.computeIfAbsent(target.tenant(), tenant -> new ConcurrentHashMap<>());
            for (String pattern : target.eventTypes()) {
                patterns.computeIfAbsent(pattern, p -> new ConcurrentHashMap<>()).put(subscriptionId, target);
            }
        }
    }

    /** Every subscription of {@code tenant} whose patterns match {@code eventType}, each once. */
    public void forEachMatch(String tenant, String eventType, Consumer<RouteTarget> action) {
        Map<String, Map<String, RouteTarget>> patterns = byTenant.get(tenant);
        if (patterns == null) {
            return;
        }
        // A subscription with two patterns that both match (an exact type and "*") is found twice.
        Set<String> seen = new HashSet<>();
        for (String pattern : EventTypePattern.patternsMatching(eventType)) {
            Map<String, RouteTarget> targets = patterns.get(pattern);
            if (targets == null) {
                continue;
            }
            for (RouteTarget target : targets.values()) {
                if (seen.add(target.id())) {
                    action.accept(target);
                }
            }
        }
    }

    /** How many subscriptions the index holds. */
    public int size() {
        return byId.size();
    }

    @Override
    public String name() {
        return STORE;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // Restoring a global store runs its processor over the topic; no raw restore is ever asked of it.
        context.register(root, (key, value) -> {
            throw new UnsupportedOperationException("the subscription index is rebuilt by its processor, not restored from raw records");
        });
        open = true;
    }

    @Override
    public void close() {
        open = false;
        byTenant.clear();
        byId.clear();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builds the index; it is never cached or logged, whatever is asked. */
    private static final class Builder implements StoreBuilder<SubscriptionIndex> {
        @Override
        public StoreBuilder<SubscriptionIndex> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<SubscriptionIndex> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<SubscriptionIndex> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("the subscription index is rebuilt from the subscriptions topic, never changelogged");
        }

        @Override
        public StoreBuilder<SubscriptionIndex> withLoggingDisabled() {
            return this;
        }

        @Override
        public SubscriptionIndex build() {
            return new SubscriptionIndex();
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return STORE;
        }
    }
}
