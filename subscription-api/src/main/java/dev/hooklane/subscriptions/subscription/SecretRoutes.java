package dev.hooklane.subscriptions.subscription;

import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.kafka.CompactedTopicView.Versioned;
import dev.hooklane.subscriptions.idempotency.Answer;
import dev.hooklane.subscriptions.idempotency.Idempotency;
import dev.hooklane.subscriptions.request.IfMatch;
import dev.hooklane.subscriptions.secret.RotationRequest;
import dev.hooklane.subscriptions.secret.SecretView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;

/**
 * A subscription's signing secret: read it on purpose ({@code GET .../secret}), or rotate it
 * ({@code POST .../secret/rotate}) with the previous one signing on for an overlap, so that
 * receivers can switch without losing a delivery.
 */
public final class SecretRoutes {

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
        ctx.json(SecretView.of(subscription.activeSecrets(clock.instant())));
    }

    private Answer rotate(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        String id = ctx.pathParam("id");
        subscriptions.owned(tenant, id);
        IfMatch ifMatch = IfMatch.of(ctx);
        RotationRequest request = RotationRequest.of(ctx, defaultOverlap);
        Versioned<Subscription> rotated = subscriptions.rotate(tenant, id, request.secret(), request.overlap(), ifMatch);
        ctx.header("Cache-Control", "no-store");
        ctx.header(IfMatch.ETAG, IfMatch.etag(rotated.version()));
        return Answer.ok(SecretView.of(rotated.value().activeSecrets(clock.instant())));
    }
}
