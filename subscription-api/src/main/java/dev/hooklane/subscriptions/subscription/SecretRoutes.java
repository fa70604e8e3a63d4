package dev.hooklane.subscriptions.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.service.kafka.CompactedTopicView.Versioned;
import dev.hooklane.subscriptions.idempotency.Answer;
import dev.hooklane.subscriptions.idempotency.Idempotency;
import dev.hooklane.subscriptions.request.IfMatch;
import dev.hooklane.subscriptions.request.KnownFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A subscription's signing secret: read it on purpose ({@code GET .../secret}), or rotate it
 * ({@code POST .../secret/rotate}) with the previous one signing on for an overlap, so that
 * receivers can switch without losing a delivery.
 */
public final class SecretRoutes {

    static final Duration MAX_OVERLAP = Duration.ofDays(7);
    private static final Set<String> ROTATE_FIELDS = Set.of("secret", "overlapSeconds");

    /** The secret as read explicitly: the current one, and when each previous one stops signing. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record SecretView(String secret, List<Instant> previousSecretsExpireAt) {
        public static SecretView of(Subscription subscription, Instant now) {
            List<SigningSecret> active = subscription.activeSecrets(now);
            return new SecretView(active.get(0).secret(),
                    active.stream().skip(1).map(s -> s.expiresAt().orElseThrow()).toList());
        }
    }

    private final Subscriptions subscriptions;
    private final Authenticator auth;
    private final Idempotency idempotency;
    private final Duration defaultOverlap;
    private final Clock clock;

    public SecretRoutes(Subscriptions subscriptions, Authenticator auth, Idempotency idempotency, Duration defaultOverlap, Clock clock) {
        this.subscriptions = subscriptions;
        this.auth = auth;
        this.idempotency = idempotency;
        this.defaultOverlap = defaultOverlap;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/subscriptions/{id}/secret", this::read);
        routes.post("/v1/subscriptions/{id}/secret/rotate", idempotency.wrap(this::rotate));
    }

    private void read(Context ctx) {
        Subscription subscription = subscriptions.owned(auth.tenantOf(ctx), ctx.pathParam("id"));
        ctx.header("Cache-Control", "no-store");
        ctx.json(SecretView.of(subscription, clock.instant()));
    }

    private Answer rotate(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        String id = ctx.pathParam("id");
        subscriptions.owned(tenant, id);
        IfMatch ifMatch = IfMatch.of(ctx);
        Optional<String> secret = Optional.empty();
        Duration overlap = defaultOverlap;
        if (ctx.bodyAsBytes().length > 0) {
            JsonNode body = RequestBodies.jsonTree(ctx);
            if (!body.isObject()) {
                throw ProblemException.badRequest("a JSON object is expected");
            }
            KnownFields.require(body, ROTATE_FIELDS);
            secret = Optional.ofNullable(body.get("secret")).filter(n -> !n.isNull()).map(JsonNode::asText);
            JsonNode seconds = body.get("overlapSeconds");
            if (seconds != null && !seconds.isNull()) {
                // An integral number only: canConvertToLong alone takes 1.5 and asLong would cut it to 1.
                if (!seconds.isIntegralNumber() || !seconds.canConvertToLong() || seconds.asLong() < 0 || seconds.asLong() > MAX_OVERLAP.toSeconds()) {
                    throw ProblemException.validation(List.of(new FieldError("overlapSeconds",
                            "must be an integer from 0 to " + MAX_OVERLAP.toSeconds())));
                }
                overlap = Duration.ofSeconds(seconds.asLong());
            }
        }
        Versioned<Subscription> rotated = subscriptions.rotate(tenant, id, secret, overlap, ifMatch);
        ctx.header("Cache-Control", "no-store");
        ctx.header(IfMatch.ETAG, IfMatch.etag(rotated.version()));
        return Answer.ok(SecretView.of(rotated.value(), clock.instant()));
    }
}
