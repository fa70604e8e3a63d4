package dev.hooklane.delivery.destination;

import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.contracts.url.InvalidWebhookUrlException;
import dev.hooklane.contracts.url.WebhookUrl;
import dev.hooklane.delivery.endpoint.EndpointLimits;
import dev.hooklane.delivery.http.WebhookRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * Finds where a job goes at attempt time: its subscription's current URL, secrets, headers and
 * limits, or, for a job without a subscription, the event's callback URL signed with the tenant's
 * default secret. A subscription's URL is parsed, its secrets decoded and its headers built once
 * per version of the subscription, not once per attempt.
 *
 * <p>The worker's view of the subscriptions and tenants may lag behind the router's. A job whose
 * subscription (or tenant) the view does not hold waits until the view has caught up with the
 * moment the job was made; only then does its absence mean it was deleted.
 */
public final class Destinations {

    /** Bounds of a subscription's own response timeout. */
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    /** What to do with a job. */
    public sealed interface Resolution {
    }

    /** Send it here. */
    public record Send(Destination destination) implements Resolution {
    }

    /** Do not send it: it is dead-lettered with this cause and reason. */
    public record Unsendable(DeadLetterCause cause, String reason) implements Resolution {
    }

    /** Ask again shortly: the worker's view has not yet caught up with the moment the job was made. */
    public record NotYetKnown(String what) implements Resolution {
    }

    /**
     * A table the worker follows: its current values, and the instant before which every write is
     * in it.
     */
    public record Table<V>(Function<String, Optional<V>> lookup, Supplier<Instant> caughtUpTo) {
    }

    /**
     * What a subscription's version gives every job: its URL, parsed, its secrets, decoded and
     * newest first, its headers, timeout, limits and endpoint key, for as long as it is the
     * current version.
     */
    private record Prepared(Subscription source, Optional<WebhookRequest> request, String badUrl, List<Map.Entry<SigningSecret, WebhookSecret>> secrets,
                            Header[] headers, Duration timeout, EndpointLimits limits, String endpoint) {

        static Prepared of(Subscription subscription, Duration defaultTimeout, EndpointLimits defaultLimits) {
            Optional<WebhookRequest> request;
            String badUrl = "";
            try {
                request = Optional.of(WebhookRequest.to(WebhookUrl.parse(subscription.url()).uri()));
            } catch (InvalidWebhookUrlException e) {
                request = Optional.empty();
                badUrl = e.getMessage();
            }
            return new Prepared(subscription, request, badUrl, subscription.secrets().stream()
                    .sorted(Comparator.comparing(SigningSecret::createdAt).reversed())
                    .map(secret -> Map.entry(secret, secret.key()))
                    .toList(),
                    subscription.headers().entrySet().stream().map(h -> new BasicHeader(h.getKey(), h.getValue())).toArray(Header[]::new),
                    subscription.timeout().map(Destinations::bounded).orElse(defaultTimeout),
                    new EndpointLimits(defaultLimits.concurrency(),
                            subscription.rateLimitPerSecond().filter(rate -> rate > 0).orElse(defaultLimits.ratePerSecond())),
                    "sub:" + subscription.id());
        }

        /** The secrets that sign at {@code now}, newest first, as {@link Subscription#activeSecrets} gives them. */
        List<WebhookSecret> activeSecrets(Instant now) {
            List<WebhookSecret> active = new ArrayList<>(secrets.size());
            for (Map.Entry<SigningSecret, WebhookSecret> secret : secrets) {
                if (secret.getKey().activeAt(now)) {
                    active.add(secret.getValue());
                }
            }
            return active;
        }
    }

    private static final Header[] NO_HEADERS = {};

    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();
    private final Table<Subscription> subscriptions;
    private final Table<Tenant> tenants;
    private final Duration defaultTimeout;
    private final EndpointLimits defaultLimits;
    private final Duration clockSkew;

    /**
     * @param clockSkew how far the router's clock may run behind this worker's: a job waits for
     *     the view to catch up with its making time plus this much
     */
    public Destinations(Table<Subscription> subscriptions, Table<Tenant> tenants, Duration defaultTimeout, EndpointLimits defaultLimits,
                        Duration clockSkew) {
        this.subscriptions = subscriptions;
        this.tenants = tenants;
        this.defaultTimeout = defaultTimeout;
        this.defaultLimits = defaultLimits;
        this.clockSkew = clockSkew;
    }

    public Resolution resolve(DeliveryJob job, Instant now) {
        return job.subscriptionId().isPresent() ? forSubscription(job, job.subscriptionId().get(), now) : forCallback(job, now);
    }

    private Resolution forSubscription(DeliveryJob job, String id, Instant now) {
        Optional<Subscription> found = subscriptions.lookup().apply(id);
        if (found.isEmpty()) {
            return caughtUp(subscriptions, job) ? new Unsendable(DeadLetterCause.DELETED, "subscription deleted")
                    : new NotYetKnown("subscription " + id);
        }
        Subscription subscription = found.get();
        if (!subscription.tenant().equals(job.tenant())) {
            return new Unsendable(DeadLetterCause.UNSENDABLE, "the subscription belongs to another tenant");
        }
        if (!subscription.enabled()) {
            return new Unsendable(DeadLetterCause.DISABLED, "subscription disabled: " + subscription.disabledReason().orElse("no reason given"));
        }
        Prepared ready = prepared(id, subscription);
        if (ready.request().isEmpty()) {
            return new Unsendable(DeadLetterCause.UNSENDABLE, "the subscription URL " + ready.badUrl());
        }
        List<WebhookSecret> secrets = ready.activeSecrets(now);
        if (secrets.isEmpty()) {
            return new Unsendable(DeadLetterCause.UNSENDABLE, "the subscription has no active signing secret");
        }
        return new Send(new Destination(ready.request().get(), secrets, ready.headers(), ready.timeout(), ready.endpoint(), ready.limits(),
                Optional.of(subscription)));
    }

    private Resolution forCallback(DeliveryJob job, Instant now) {
        Optional<Tenant> tenant = tenants.lookup().apply(job.tenant());
        if (tenant.isEmpty()) {
            return caughtUp(tenants, job) ? new Unsendable(DeadLetterCause.UNSENDABLE, "tenant " + job.tenant() + " is unknown")
                    : new NotYetKnown("tenant " + job.tenant());
        }
        if (!tenant.get().active()) {
            return new Unsendable(DeadLetterCause.DISABLED, "tenant " + job.tenant() + " is disabled");
        }
        List<WebhookSecret> secrets;
        try {
            // After a rotation of the callback secret the previous one signs on for the overlap, as a subscription's does.
            secrets = tenant.get().activeSecrets(now).stream().map(SigningSecret::key).toList();
        } catch (IllegalArgumentException e) {
            return new Unsendable(DeadLetterCause.UNSENDABLE, "the tenant's default secret is unusable");
        }
        WebhookUrl url;
        try {
            url = WebhookUrl.parse(job.callbackUrl().orElseThrow());
        } catch (InvalidWebhookUrlException e) {
            return new Unsendable(DeadLetterCause.UNSENDABLE, "the callback URL " + e.getMessage());
        }
        String endpoint = "callback:" + job.tenant() + ":" + url.host() + ":" + url.port();
        return new Send(new Destination(WebhookRequest.to(url.uri()), secrets, NO_HEADERS, defaultTimeout, endpoint, defaultLimits,
                Optional.empty()));
    }

    private boolean caughtUp(Table<?> table, DeliveryJob job) {
        return !table.caughtUpTo().get().isBefore(job.createdAt().plus(clockSkew));
    }

    /** What was prepared for this version of the subscription; a plain read unless it changed. */
    private Prepared prepared(String id, Subscription subscription) {
        Prepared cached = prepared.get(id);
        if (cached != null && cached.source() == subscription) {
            return cached;
        }
        Prepared fresh = Prepared.of(subscription, defaultTimeout, defaultLimits);
        prepared.put(id, fresh);
        return fresh;
    }

    /** Forgets what was prepared for subscriptions that were deleted or changed since. */
    public void forgetStale() {
        prepared.entrySet().removeIf(entry -> subscriptions.lookup().apply(entry.getKey())
                .map(current -> current != entry.getValue().source()).orElse(true));
    }

    private static Duration bounded(Duration timeout) {
        return timeout.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
    }
}
