package dev.hooklane.contracts.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscriber's endpoint and what it wants, as stored on the compacted subscriptions topic.
 *
 * @param id stable id, also the record key
 * @param tenant owning account
 * @param url where jobs are POSTed; the query string is kept as given
 * @param eventTypes exact types, {@code *} or prefix patterns; see {@link EventTypePattern}
 * @param filter attribute conditions and an expression over the event; see {@link SubscriptionFilter}
 * @param name short label chosen by the subscriber
 * @param description free text
 * @param headers static headers added to every request
 * @param enabled whether jobs are created and sent
 * @param disabledReason why it is disabled, when it is
 * @param format body shape
 * @param secrets signing secrets, current first; see {@link SigningSecret}
 * @param rateLimitPerSecond most requests per second to this endpoint; empty takes the worker default
 * @param timeout response timeout; empty takes the worker default
 * @param metadata the subscriber's own key-value pairs
 */
public record Subscription(
        String id,
        String tenant,
        String url,
        List<String> eventTypes,
        SubscriptionFilter filter,
        Optional<String> name,
        Optional<String> description,
        Map<String, String> headers,
        boolean enabled,
        Optional<String> disabledReason,
        PayloadFormat format,
        List<SigningSecret> secrets,
        Optional<Integer> rateLimitPerSecond,
        Optional<Duration> timeout,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(url, "url");
        eventTypes = List.copyOf(eventTypes);
        filter = filter == null ? SubscriptionFilter.NONE : filter;
        name = name == null ? Optional.empty() : name;
        description = description == null ? Optional.empty() : description;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        disabledReason = disabledReason == null ? Optional.empty() : disabledReason;
        format = format == null ? PayloadFormat.STANDARD : format;
        secrets = List.copyOf(secrets);
        rateLimitPerSecond = rateLimitPerSecond == null ? Optional.empty() : rateLimitPerSecond;
        timeout = timeout == null ? Optional.empty() : timeout;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A subscription whose filter has attribute conditions only. */
    public Subscription(String id, String tenant, String url, List<String> eventTypes, List<FilterCondition> conditions,
                        Optional<String> name, Optional<String> description, Map<String, String> headers, boolean enabled,
                        Optional<String> disabledReason, PayloadFormat format, List<SigningSecret> secrets,
                        Optional<Integer> rateLimitPerSecond, Optional<Duration> timeout, Map<String, String> metadata,
                        Instant createdAt, Instant updatedAt) {
        this(id, tenant, url, eventTypes, SubscriptionFilter.of(conditions), name, description, headers, enabled, disabledReason,
                format, secrets, rateLimitPerSecond, timeout, metadata, createdAt, updatedAt);
    }

    /** A new, enabled subscription with one secret and the defaults for everything optional. */
    public static Subscription create(String id, String tenant, String url, List<String> eventTypes, String secret, Instant now) {
        return new Subscription(id, tenant, url, eventTypes, SubscriptionFilter.NONE, Optional.empty(), Optional.empty(), Map.of(), true,
                Optional.empty(), PayloadFormat.STANDARD, List.of(new SigningSecret(secret, now, Optional.empty())),
                Optional.empty(), Optional.empty(), Map.of(), now, now);
    }

    /** The secrets that sign at {@code now}, newest first. */
    public List<SigningSecret> activeSecrets(Instant now) {
        return secrets.stream()
                .filter(secret -> secret.activeAt(now))
                .sorted(Comparator.comparing(SigningSecret::createdAt).reversed())
                .toList();
    }

    /** The same subscription, disabled for {@code reason}. */
    public Subscription disabled(String reason, Instant now) {
        return new Subscription(id, tenant, url, eventTypes, filter, name, description, headers, false, Optional.of(reason),
                format, secrets, rateLimitPerSecond, timeout, metadata, createdAt, now);
    }

    @Override
    public String toString() {
        return "Subscription[id=" + id + ", tenant=" + tenant + ", eventTypes=" + eventTypes + ", enabled=" + enabled + "]";
    }
}
