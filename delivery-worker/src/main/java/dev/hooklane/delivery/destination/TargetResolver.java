package dev.hooklane.delivery.destination;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.contracts.url.InvalidWebhookUrlException;
import dev.hooklane.contracts.url.WebhookUrl;
import dev.hooklane.delivery.endpoint.EndpointGuard;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Finds where a job goes at attempt time: its subscription's current URL, secrets, headers and
 * limits, or, for a job without a subscription, the event's callback URL signed with the tenant's
 * default secret. A subscription's URL is parsed and its secrets decoded once per version of the
 * subscription, not once per attempt (it was 5% of the worker's CPU in the benchmark's profile).
 */
public final class TargetResolver {

    /** Bounds of a subscription's own response timeout. */
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    /** What to do with a job. */
    public sealed interface Resolution {
    }

    /** Send it here. */
    public record Send(DeliveryTarget target) implements Resolution {
    }

    /**
     * Do not send it.
     *
     * @param reason why, for the attempt log
     * @param deadLetter whether it goes to the dead-letter topic (it could be replayed later)
     */
    public record Unsendable(String reason, boolean deadLetter) implements Resolution {
    }

    /** A subscription's URL, parsed, and its secrets, decoded and newest first, for as long as it is the current version. */
    private record Prepared(Subscription source, Optional<URI> url, List<Map.Entry<SigningSecret, WebhookSecret>> secrets) {

        static Prepared of(Subscription subscription) {
            return new Prepared(subscription, webhookUrl(subscription.url()), subscription.secrets().stream()
                    .sorted(Comparator.comparing(SigningSecret::createdAt).reversed())
                    .map(secret -> Map.entry(secret, secret.key()))
                    .toList());
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

    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();
    private final Function<String, Optional<Subscription>> subscriptions;
    private final Function<String, Optional<Tenant>> tenants;
    private final Duration defaultTimeout;
    private final EndpointGuard.Limits defaultLimits;

    public TargetResolver(Function<String, Optional<Subscription>> subscriptions, Function<String, Optional<Tenant>> tenants,
                          Duration defaultTimeout, EndpointGuard.Limits defaultLimits) {
        this.subscriptions = subscriptions;
        this.tenants = tenants;
        this.defaultTimeout = defaultTimeout;
        this.defaultLimits = defaultLimits;
    }

    public Resolution resolve(DeliveryJob job, Instant now) {
        return job.subscriptionId().isPresent() ? forSubscription(job, job.subscriptionId().get(), now) : forCallback(job);
    }

    private Resolution forSubscription(DeliveryJob job, String id, Instant now) {
        Optional<Subscription> found = subscriptions.apply(id).filter(s -> s.tenant().equals(job.tenant()));
        if (found.isEmpty()) {
            return new Unsendable("subscription deleted", false);
        }
        Subscription subscription = found.get();
        if (!subscription.enabled()) {
            return new Unsendable("subscription disabled: " + subscription.disabledReason().orElse("no reason given"), true);
        }
        Prepared ready = prepared(id, subscription);
        List<WebhookSecret> secrets = ready.activeSecrets(now);
        if (secrets.isEmpty()) {
            return new Unsendable("the subscription has no active signing secret", true);
        }
        Optional<URI> url = ready.url();
        if (url.isEmpty()) {
            return new Unsendable("the subscription URL is not a valid webhook URL", true);
        }
        Duration timeout = subscription.timeout().map(TargetResolver::bounded).orElse(defaultTimeout);
        EndpointGuard.Limits limits = new EndpointGuard.Limits(defaultLimits.concurrency(),
                subscription.rateLimitPerSecond().filter(rate -> rate > 0).orElse(defaultLimits.ratePerSecond()));
        return new Send(new DeliveryTarget(url.get(), secrets, subscription.headers(), timeout, "sub:" + id, limits, Optional.of(subscription)));
    }

    private Resolution forCallback(DeliveryJob job) {
        Optional<Tenant> tenant = tenants.apply(job.tenant());
        if (tenant.isEmpty()) {
            return new Unsendable("tenant " + job.tenant() + " is unknown", true);
        }
        if (!tenant.get().active()) {
            return new Unsendable("tenant " + job.tenant() + " is disabled", false);
        }
        WebhookSecret secret;
        try {
            secret = WebhookSecret.parse(tenant.get().defaultSecret());
        } catch (IllegalArgumentException e) {
            return new Unsendable("the tenant's default secret is unusable", true);
        }
        Optional<URI> url = job.callbackUrl().flatMap(TargetResolver::webhookUrl);
        if (url.isEmpty()) {
            return new Unsendable("the callback URL is not a valid webhook URL", true);
        }
        String endpoint = "callback:" + job.tenant() + ":" + url.get().getHost() + ":" + url.get().getPort();
        return new Send(new DeliveryTarget(url.get(), List.of(secret), Map.of(), defaultTimeout, endpoint, defaultLimits, Optional.empty()));
    }

    /** What was prepared for this version of the subscription; a plain read unless it changed. */
    private Prepared prepared(String id, Subscription subscription) {
        Prepared cached = prepared.get(id);
        if (cached != null && cached.source() == subscription) {
            return cached;
        }
        Prepared fresh = Prepared.of(subscription);
        prepared.put(id, fresh);
        return fresh;
    }

    /** Forgets what was prepared for subscriptions that were deleted or changed since. */
    public void forgetStale() {
        prepared.entrySet().removeIf(entry -> subscriptions.apply(entry.getKey()).map(current -> current != entry.getValue().source()).orElse(true));
    }

    static Optional<URI> webhookUrl(String text) {
        try {
            return Optional.of(WebhookUrl.parse(text).uri());
        } catch (InvalidWebhookUrlException e) {
            return Optional.empty();
        }
    }

    private static Duration bounded(Duration timeout) {
        return timeout.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
    }
}
