package dev.hooklane.subscriptions.portal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hooklane.contracts.subscription.Subscription;
import java.time.Instant;
import java.util.List;

/**
 * A subscription as the portal shows it to the tenant's customer: what the customer may change,
 * without the tenant's own settings (metadata, filter, headers, limits). {@code secret} only in the
 * creation answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointView(String id, String url, List<String> eventTypes, String name, String description, String format,
                           boolean enabled, String disabledReason, Instant createdAt, Instant updatedAt, String secret) {

    static EndpointView of(Subscription subscription) {
        return new EndpointView(subscription.id(), subscription.url(), subscription.eventTypes(), subscription.name().orElse(null),
                subscription.description().orElse(null), subscription.format().wireName(), subscription.enabled(),
                subscription.disabledReason().orElse(null), subscription.createdAt(), subscription.updatedAt(), null);
    }

    EndpointView withSecret(String secretText) {
        return new EndpointView(id, url, eventTypes, name, description, format, enabled, disabledReason, createdAt, updatedAt, secretText);
    }
}
