package dev.hooklane.subscriptions.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.service.kafka.TopicTable;
import dev.hooklane.subscriptions.SubscriptionApiMetrics;
import dev.hooklane.subscriptions.request.KnownFields;
import dev.hooklane.subscriptions.request.MergePatch;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's subscriptions: the one place that creates, changes, rotates and deletes them, for the
 * {@code /v1} routes and the seed products' own route shapes alike. Every write waits until this
 * instance's view holds it.
 */
public final class Subscriptions {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> PATCHABLE = KnownFields.of(CreateSubscriptionRequest.class);

    private final TopicTable<Subscription> table;
    private final SubscriptionValidator validator;
    private final SubscriptionApiMetrics metrics;
    private final Clock clock;

    public Subscriptions(TopicTable<Subscription> table, SubscriptionValidator validator, SubscriptionApiMetrics metrics, Clock clock) {
        this.table = table;
        this.validator = validator;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Subscription create(String tenant, CreateSubscriptionRequest request) {
        Subscription subscription = validator.toSubscription(request, newId(), tenant, clock.instant());
        table.put(subscription.id(), subscription);
        metrics.changed("subscription", "create");
        log.info("Created subscription {} for tenant {} on {}", subscription.id(), tenant, subscription.eventTypes());
        return subscription;
    }

    /** Merges a JSON merge patch into the subscription and stores the result if it passes every rule. */
    public Subscription patch(String tenant, String id, JsonNode patch) {
        Subscription current = owned(tenant, id);
        if (!patch.isObject()) {
            throw ProblemException.badRequest("a merge patch is a JSON object");
        }
        KnownFields.require(patch, PATCHABLE);
        JsonNode merged = MergePatch.apply(Json.mapper().valueToTree(CreateSubscriptionRequest.editable(current)), patch);
        return replace(current, RequestBodies.bind(merged, CreateSubscriptionRequest.class));
    }

    /** Stores {@code request} as the subscription's new editable fields. */
    public Subscription replace(Subscription current, CreateSubscriptionRequest request) {
        Subscription updated = validator.updated(current, request, clock.instant());
        table.put(updated.id(), updated);
        metrics.changed("subscription", "update");
        log.info("Updated subscription {} of tenant {}", updated.id(), updated.tenant());
        return updated;
    }

    public void delete(String tenant, String id) {
        Subscription subscription = owned(tenant, id);
        table.delete(subscription.id());
        metrics.changed("subscription", "delete");
        log.info("Deleted subscription {} of tenant {}", subscription.id(), tenant);
    }

    /**
     * Makes {@code newSecret} (or a generated one) the current secret; the previous current one
     * keeps signing for {@code overlap}, and secrets already expired are dropped.
     */
    public Subscription rotate(String tenant, String id, Optional<String> newSecret, Duration overlap) {
        Subscription current = owned(tenant, id);
        String secret = newSecret.map(Subscriptions::checkedSecret).orElseGet(() -> WebhookSecret.generate().encoded());
        Instant now = clock.instant();
        Instant previousUntil = now.plus(overlap);
        List<SigningSecret> secrets = new ArrayList<>();
        secrets.add(new SigningSecret(secret, now, Optional.empty()));
        for (SigningSecret old : current.secrets()) {
            if (old.activeAt(now)) {
                Instant until = old.expiresAt().filter(e -> e.isBefore(previousUntil)).orElse(previousUntil);
                if (now.isBefore(until)) {
                    secrets.add(new SigningSecret(old.secret(), old.createdAt(), Optional.of(until)));
                }
            }
        }
        Subscription rotated = new Subscription(current.id(), current.tenant(), current.url(), current.eventTypes(), current.filter(),
                current.name(), current.description(), current.headers(), current.enabled(), current.disabledReason(), current.format(),
                secrets, current.rateLimitPerSecond(), current.timeout(), current.metadata(), current.createdAt(), now);
        table.put(rotated.id(), rotated);
        metrics.changed("secret", "rotate");
        log.info("Rotated the secret of subscription {} of tenant {}; previous secrets sign until {}", id, tenant, previousUntil);
        return rotated;
    }

    private static String checkedSecret(String secret) {
        try {
            WebhookSecret.parse(secret);
            return secret.startsWith(WebhookSecret.PREFIX) ? secret : WebhookSecret.PREFIX + secret;
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(List.of(new FieldError("secret", "must be 'whsec_' followed by the base64 of 24 to 64 bytes")));
        }
    }

    /** The subscription if {@code tenant} owns it; 404 otherwise, even if another tenant does. */
    public Subscription owned(String tenant, String id) {
        return find(tenant, id).orElseThrow(() -> ProblemException.notFound("no subscription " + id));
    }

    public Optional<Subscription> find(String tenant, String id) {
        return table.get(id).filter(s -> s.tenant().equals(tenant));
    }

    /** The tenant's subscriptions in id order. */
    public Stream<Subscription> ofTenant(String tenant) {
        return table.values().stream().filter(s -> s.tenant().equals(tenant)).sorted(Comparator.comparing(Subscription::id));
    }

    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "sub_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
