package dev.hooklane.contracts.portal;

import dev.hooklane.contracts.subscription.EventTypePattern;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.Subscription;
import java.util.List;
import java.util.Map;

/**
 * What a portal session may see and change within its tenant. An empty scope is the whole tenant.
 *
 * @param metadata pairs a subscription's metadata must hold to be in scope; every subscription made
 *     through the session gets them, and the session cannot change or remove them
 * @param eventTypes exact types or patterns ({@code report.*}, {@code *}) the session may subscribe
 *     to; a subscription is in scope only when each of its own patterns lies within one of these.
 *     Empty allows every type
 * @param filter conditions every subscription made through the session gets, so that it receives
 *     only its customer's events (for example {@code data.customerId = c-1}); the session cannot
 *     change or remove them
 */
public record PortalScope(Map<String, String> metadata, List<String> eventTypes, List<FilterCondition> filter) {

    public PortalScope {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        filter = filter == null ? List.of() : List.copyOf(filter);
    }

    /** The whole tenant. */
    public static PortalScope everything() {
        return new PortalScope(Map.of(), List.of(), List.of());
    }

    /** True when {@code pattern} (an exact type or a pattern) lies within the allowed event types. */
    public boolean allowsEventType(String pattern) {
        return eventTypes.isEmpty() || eventTypes.stream().anyMatch(allowed -> EventTypePattern.matches(allowed, pattern));
    }

    /**
     * True when {@code subscription} belongs to this scope: it holds every metadata pair, carries
     * every filter condition, and listens only to allowed event types. An expression beside the
     * conditions only narrows what it receives, so it does not take a subscription out of scope.
     */
    public boolean covers(Subscription subscription) {
        return subscription.metadata().entrySet().containsAll(metadata.entrySet())
                && subscription.filter().conditions().containsAll(filter)
                && subscription.eventTypes().stream().allMatch(this::allowsEventType);
    }
}
