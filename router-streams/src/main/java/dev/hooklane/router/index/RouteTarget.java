package dev.hooklane.router.index;

import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import java.util.List;
import java.util.Objects;

/**
 * What routing needs of a subscription, and no more: the index stores this instead of the whole
 * subscription, so a match reads a few fields instead of the URL, secrets, headers, metadata and
 * timestamps (see docs/benchmarks.md, "Routing cost").
 *
 * @param id the subscription id
 * @param tenant owning account
 * @param eventTypes the patterns, to remove the index entries on update or delete
 * @param enabled whether jobs are created
 * @param format the body shape of its jobs
 * @param filter attribute conditions and expression, as the subscription has them
 */
public record RouteTarget(String id, String tenant, List<String> eventTypes, boolean enabled, PayloadFormat format,
                          SubscriptionFilter filter) {

    public RouteTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        eventTypes = List.copyOf(eventTypes);
        format = format == null ? PayloadFormat.STANDARD : format;
        filter = filter == null ? SubscriptionFilter.NONE : filter;
    }

    public static RouteTarget of(Subscription subscription) {
        return new RouteTarget(subscription.id(), subscription.tenant(), subscription.eventTypes(), subscription.enabled(),
                subscription.format(), subscription.filter());
    }
}
