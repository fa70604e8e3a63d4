package dev.hooklane.subscriptions.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.contracts.subscription.DisableRequest;
import dev.hooklane.service.kafka.CompactedTopicView.Versioned;
import dev.hooklane.subscriptions.SubscriptionApiMetrics;
import dev.hooklane.subscriptions.request.IfMatch;
import dev.hooklane.subscriptions.secret.RotationRequest;
import dev.hooklane.subscriptions.request.KnownFields;
import dev.hooklane.subscriptions.request.MergePatch;
import dev.hooklane.subscriptions.table.VersionedTable;
import dev.hooklane.subscriptions.table.Write;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's subscriptions: the one place that creates, changes, rotates, disables and deletes
 * them, for the {@code /v1} routes, the seed products' own route shapes and other services'
 * disable requests alike. Every change is made to the subscription's current version (a
 * compare-and-set, see {@link VersionedTable}), checked against an {@link IfMatch} precondition
 * when the caller gives one, and waits until this instance's view holds it.
 */
public final class Subscriptions {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> PATCHABLE = KnownFields.of(CreateSubscriptionRequest.class);

    private final VersionedTable<Subscription> table;
    private final SubscriptionValidator validator;
    private final SubscriptionApiMetrics metrics;
    private final Clock clock;

    public Subscriptions(VersionedTable<Subscription> table, SubscriptionValidator validator, SubscriptionApiMetrics metrics, Clock clock) {
        this.table = table;
        this.validator = validator;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Subscription create(String tenant, CreateSubscriptionRequest request) {
        Subscription subscription = validator.toSubscription(request, newId(), tenant, clock.instant());
        table.create(subscription.id(), subscription, () -> ProblemException.conflict("subscription " + subscription.id() + " exists"));
        metrics.changed("subscription", "create");
        log.info("Created subscription {} for tenant {} on {}", subscription.id(), tenant, subscription.eventTypes());
        return subscription;
    }

    /** Merges a JSON merge patch into the subscription and stores the result if it passes every rule. */
    public Subscription patch(String tenant, String id, JsonNode patch) {
        return patch(tenant, id, patch, IfMatch.none()).value();
    }

    /** Merges a JSON merge patch into the current version, if {@code ifMatch} holds, and stores the result if it passes every rule. */
    public Versioned<Subscription> patch(String tenant, String id, JsonNode patch, IfMatch ifMatch) {
        owned(tenant, id);
        if (!patch.isObject()) {
            throw ProblemException.badRequest("a merge patch is a JSON object");
        }
        KnownFields.require(patch, PATCHABLE);
        return replace(tenant, id, ifMatch, editable -> {
            JsonNode merged = MergePatch.apply(Json.mapper().valueToTree(editable), patch);
            return RequestBodies.bind(merged, CreateSubscriptionRequest.class);
        });
    }

    /** Stores what {@code edit} makes of the current version's editable fields as the new ones. */
    public Versioned<Subscription> replace(String tenant, String id, IfMatch ifMatch, UnaryOperator<CreateSubscriptionRequest> edit) {
        Versioned<Subscription> updated = update(tenant, id, ifMatch,
                current -> validator.updated(current, edit.apply(CreateSubscriptionRequest.editable(current)), clock.instant()));
        metrics.changed("subscription", "update");
        log.info("Updated subscription {} of tenant {}", id, tenant);
        return updated;
    }

    public void delete(String tenant, String id) {
        delete(tenant, id, IfMatch.none());
    }

    /** Deletes the subscription if {@code ifMatch} holds for its current version. */
    public void delete(String tenant, String id, IfMatch ifMatch) {
        table.change(id, current -> {
            ifMatch.check(ownedIn(current, tenant, id).version());
            return Write.delete();
        });
        metrics.changed("subscription", "delete");
        log.info("Deleted subscription {} of tenant {}", id, tenant);
    }

    /**
     * Applies another service's request to disable a subscription to its current version, if that
     * still has the URL the request is about and is enabled.
     *
     * @return the disabled subscription; empty when the request no longer applies
     */
    public Optional<Subscription> disable(DisableRequest request) {
        AtomicBoolean applied = new AtomicBoolean();
        Optional<Versioned<Subscription>> after = table.change(request.subscriptionId(), current -> {
            // Asked again when another instance's write came in between: the last answer counts.
            applied.set(current.isPresent() && request.appliesTo(current.get().value()));
            if (!applied.get()) {
                return Write.keep();
            }
            return Write.put(current.get().value().disabled(request.reason(), clock.instant()));
        });
        if (!applied.get()) {
            return Optional.empty();
        }
        metrics.changed("subscription", "disable");
        log.info("Disabled subscription {} of tenant {} (the requester saw version {}): {}", request.subscriptionId(), request.tenant(),
                request.seenVersion(), request.reason());
        return after.map(Versioned::value);
    }

    /**
     * Makes {@code newSecret} (or a generated one) the current secret; the previous current one
     * keeps signing for {@code overlap}, and secrets already expired are dropped.
     */
    public Subscription rotate(String tenant, String id, Optional<String> newSecret, Duration overlap) {
        return rotate(tenant, id, newSecret, overlap, IfMatch.none()).value();
    }

    /** {@link #rotate(String, String, Optional, Duration)} if {@code ifMatch} holds for the current version. */
    public Versioned<Subscription> rotate(String tenant, String id, Optional<String> newSecret, Duration overlap, IfMatch ifMatch) {
        String secret = newSecret.map(RotationRequest::checked).orElseGet(() -> WebhookSecret.generate().encoded());
        Instant previousUntil = clock.instant().plus(overlap);
        Versioned<Subscription> rotated = update(tenant, id, ifMatch, current -> withSecret(current, secret, overlap, clock.instant()));
        metrics.changed("secret", "rotate");
        log.info("Rotated the secret of subscription {} of tenant {}; previous secrets sign until {}", id, tenant, previousUntil);
        return rotated;
    }

    private static Subscription withSecret(Subscription current, String secret, Duration overlap, Instant now) {
        List<SigningSecret> secrets = SigningSecret.rotated(current.secrets(), secret, overlap, now);
        return new Subscription(current.id(), current.tenant(), current.url(), current.eventTypes(), current.filter(),
                current.name(), current.description(), current.headers(), current.enabled(), current.disabledReason(), current.format(),
                secrets, current.rateLimitPerSecond(), current.timeout(), current.metadata(), current.createdAt(), now);
    }

    /** Writes what {@code edit} makes of the current version, if {@code ifMatch} holds for it. */
    private Versioned<Subscription> update(String tenant, String id, IfMatch ifMatch, UnaryOperator<Subscription> edit) {
        return table.change(id, current -> {
            Versioned<Subscription> found = ownedIn(current, tenant, id);
            ifMatch.check(found.version());
            return Write.put(edit.apply(found.value()));
        }).orElseThrow();
    }

    private static Versioned<Subscription> ownedIn(Optional<Versioned<Subscription>> current, String tenant, String id) {
        return current.filter(v -> v.value().tenant().equals(tenant)).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("no subscription " + id);
    }

    /** The subscription if {@code tenant} owns it; 404 otherwise, even if another tenant does. */
    public Subscription owned(String tenant, String id) {
        return find(tenant, id).orElseThrow(() -> notFound(id));
    }

    /** The subscription with its version if {@code tenant} owns it; 404 otherwise. */
    public Versioned<Subscription> ownedVersion(String tenant, String id) {
        return ownedIn(table.versioned(id), tenant, id);
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
