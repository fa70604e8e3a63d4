package dev.hooklane.subscriptions.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.subscription.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A subscription as the API shows it: no secrets (only {@code secret} right after creation).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(
        String id,
        String url,
        List<String> eventTypes,
        JsonNode filter,
        String name,
        String description,
        Map<String, String> headers,
        boolean enabled,
        String disabledReason,
        String format,
        Integer rateLimitPerSecond,
        Long timeoutSeconds,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt,
        String secret) {

    public static SubscriptionView of(Subscription subscription) {
        return new SubscriptionView(subscription.id(), subscription.url(), subscription.eventTypes(),
                FilterDocument.view(subscription.filter()),
                subscription.name().orElse(null), subscription.description().orElse(null), subscription.headers(),
                subscription.enabled(), subscription.disabledReason().orElse(null), subscription.format().wireName(),
                subscription.rateLimitPerSecond().orElse(null), subscription.timeout().map(t -> t.toSeconds()).orElse(null),
                subscription.metadata(), subscription.createdAt(), subscription.updatedAt(), null);
    }

    /** The creation answer: the view plus the secret, shown this once. */
    public SubscriptionView withSecret(String secretText) {
        return new SubscriptionView(id, url, eventTypes, filter, name, description, headers, enabled, disabledReason, format,
                rateLimitPerSecond, timeoutSeconds, metadata, createdAt, updatedAt, secretText);
    }
}
