package dev.hooklane.subscriptions.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.subscription.Subscription;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/subscriptions}, and the document a {@code PATCH} merges into. Only
 * {@code url} and {@code eventTypes} are required.
 *
 * @param secret a {@code whsec_} secret to use instead of a generated one (creation only)
 * @param format {@code standard} (default), {@code event-payload}, {@code data} or {@code cloudevents}
 * @param filter conditions {@code [{"attribute": "data.municipalityId", "values": ["m-1"]}]}, or
 *     {@code {"conditions": [...], "expression": "data.amount > 1000"}}; see {@link FilterDocument}
 * @param enabled false pauses deliveries (default true)
 * @param disabledReason why it is paused, with {@code enabled: false}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateSubscriptionRequest(
        String url,
        List<String> eventTypes,
        String secret,
        String name,
        String description,
        String format,
        Map<String, String> headers,
        JsonNode filter,
        Integer rateLimitPerSecond,
        Integer timeoutSeconds,
        Map<String, String> metadata,
        Boolean enabled,
        String disabledReason) {

    /** A request with only the required fields, for the seed routes that build subscriptions. */
    public static CreateSubscriptionRequest of(String url, List<String> eventTypes) {
        return new CreateSubscriptionRequest(url, eventTypes, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The editable fields of a stored subscription (never its secrets), as a PATCH starts from. */
    public static CreateSubscriptionRequest editable(Subscription s) {
        return new CreateSubscriptionRequest(s.url(), s.eventTypes(), null, s.name().orElse(null), s.description().orElse(null),
                s.format().wireName(), s.headers(), FilterDocument.editable(s.filter()),
                s.rateLimitPerSecond().orElse(null), s.timeout().map(t -> (int) t.toSeconds()).orElse(null), s.metadata(), s.enabled(),
                s.disabledReason().orElse(null));
    }

    public CreateSubscriptionRequest withFormat(String newFormat) {
        return new CreateSubscriptionRequest(url, eventTypes, secret, name, description, newFormat, headers, filter, rateLimitPerSecond,
                timeoutSeconds, metadata, enabled, disabledReason);
    }

    public CreateSubscriptionRequest withLabels(String newName, String newDescription, Map<String, String> newMetadata) {
        return new CreateSubscriptionRequest(url, eventTypes, secret, newName, newDescription, format, headers, filter, rateLimitPerSecond,
                timeoutSeconds, newMetadata, enabled, disabledReason);
    }

    public CreateSubscriptionRequest withFilter(JsonNode newFilter) {
        return new CreateSubscriptionRequest(url, eventTypes, secret, name, description, format, headers, newFilter, rateLimitPerSecond,
                timeoutSeconds, metadata, enabled, disabledReason);
    }
}
