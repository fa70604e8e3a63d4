package dev.hooklane.subscriptions.tenant;

import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.kafka.CompactedTopicView.Versioned;
import dev.hooklane.subscriptions.idempotency.Answer;
import dev.hooklane.subscriptions.idempotency.Idempotency;
import dev.hooklane.subscriptions.request.IfMatch;
import dev.hooklane.subscriptions.secret.RotationRequest;
import dev.hooklane.subscriptions.secret.SecretView;
import dev.hooklane.subscriptions.table.VersionedTable;
import dev.hooklane.subscriptions.table.Write;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's own callback secret, which signs deliveries to callback URLs that events carry
 * themselves (no subscription, so no subscription secret): read it on purpose, or rotate it with
 * the previous one signing on for an overlap, exactly as a subscription's secret.
 */
public final class CallbackSecretRoutes {

    private static final Logger log = LoggerFactory.getLogger(CallbackSecretRoutes.class);
    static final String PATH = "/v1/tenant/callback-secret";

    private final VersionedTable<Tenant> tenants;
    private final Authenticator auth;
    private final Idempotency idempotency;
    private final Duration defaultOverlap;
    private final Clock clock;

    public CallbackSecretRoutes(VersionedTable<Tenant> tenants, Authenticator auth, Idempotency idempotency, Duration defaultOverlap,
                                Clock clock) {
        this.tenants = tenants;
        this.auth = auth;
        this.idempotency = idempotency;
        this.defaultOverlap = defaultOverlap;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::read);
        routes.post(PATH + "/rotate", idempotency.wrap(this::rotate));
    }

    private void read(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        Versioned<Tenant> found = tenants.versioned(tenant).orElseThrow(() -> notFound(tenant));
        ctx.header("Cache-Control", "no-store");
        ctx.header(IfMatch.ETAG, IfMatch.etag(found.version()));
        ctx.json(SecretView.of(found.value().activeSecrets(clock.instant())));
    }

    private Answer rotate(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        IfMatch ifMatch = IfMatch.of(ctx);
        RotationRequest request = RotationRequest.of(ctx, defaultOverlap);
        String secret = request.newSecret();
        Instant now = clock.instant();
        Versioned<Tenant> rotated = tenants.change(tenant, current -> {
            Versioned<Tenant> found = current.orElseThrow(() -> notFound(tenant));
            ifMatch.check(found.version());
            return Write.put(found.value().withCallbackSecret(secret, request.overlap(), now));
        }).orElseThrow();
        log.info("Rotated the callback secret of tenant {}; previous secrets sign until {}", tenant, now.plus(request.overlap()));
        ctx.header("Cache-Control", "no-store");
        ctx.header(IfMatch.ETAG, IfMatch.etag(rotated.version()));
        return Answer.ok(SecretView.of(rotated.value().activeSecrets(now)));
    }

    private static ProblemException notFound(String tenant) {
        return ProblemException.notFound("no tenant " + tenant);
    }
}
