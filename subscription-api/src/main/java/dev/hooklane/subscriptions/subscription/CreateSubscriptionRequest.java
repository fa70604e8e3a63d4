package dev.hooklane.subscriptions.subscription;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/subscriptions}. Only {@code url} and {@code eventTypes} are required.
 *
 * @param secret a {@code whsec_} secret to use instead of a generated one
 * @param format {@code standard} (default), {@code event-payload}, {@code data} or {@code cloudevents}
 * @param filter conditions: {@code [{"attribute": "data.municipalityId", "values": ["m-1"]}]}
 */
public record CreateSubscriptionRequest(
        String url,
        List<String> eventTypes,
        String secret,
        String name,
        String description,
        String format,
        Map<String, String> headers,
        List<FilterRequest> filter,
        Integer rateLimitPerSecond,
        Integer timeoutSeconds,
        Map<String, String> metadata) {

    /** One filter condition as sent by clients. */
    public record FilterRequest(String attribute, List<String> values) {
    }
}
