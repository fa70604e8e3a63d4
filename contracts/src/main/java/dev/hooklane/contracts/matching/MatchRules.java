package dev.hooklane.contracts.matching;

import dev.hooklane.contracts.subscription.SubscriptionFilter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of many subscriptions, for a caller that meets the same subscriptions event after
 * event (the router): a rule with an expression is compiled once per subscription version and
 * kept by subscription id until that subscription's tenant, event types or filter change. At most
 * {@code capacity} compiled rules are kept; past that the cache starts again empty, so that the
 * versions of deleted subscriptions cannot pile up. Safe to share between threads.
 */
public final class MatchRules {

    private final int capacity;
    private final Map<String, MatchRule> compiled = new ConcurrentHashMap<>();

    public MatchRules(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The rule of subscription {@code id} in the version described by the other arguments. */
    public MatchRule rule(String id, String tenant, List<String> eventTypes, SubscriptionFilter filter) {
        if (filter.expression().isEmpty()) {
            // Nothing to compile: conditions are read straight from the filter.
            return MatchRule.of(tenant, eventTypes, filter);
        }
        MatchRule rule = compiled.get(id);
        if (rule == null || !rule.isFor(tenant, eventTypes, filter)) {
            rule = MatchRule.of(tenant, eventTypes, filter);
            if (compiled.size() >= capacity) {
                compiled.clear();
            }
            compiled.put(id, rule);
        }
        return rule;
    }
}
