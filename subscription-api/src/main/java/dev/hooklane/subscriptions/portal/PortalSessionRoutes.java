package dev.hooklane.subscriptions.portal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.portal.PortalSession;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.auth.Caller;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.subscriptions.idempotency.Answer;
import dev.hooklane.subscriptions.idempotency.Idempotency;
import dev.hooklane.subscriptions.request.KnownFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/portal-sessions} (tenant key): make a portal session for one of the tenant's
 * customers and get the link that opens the portal with it; list the sessions that have not
 * expired; revoke one, which every instance honours within the table's lag.
 */
public final class PortalSessionRoutes {

    /** A session as the tenant sees it; {@code url} and {@code token} only in the creation answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionView(String id, String name, PortalSessionRequest.Scope scope, Instant createdAt, Instant expiresAt,
                              Instant revokedAt, String url, String token) {
        static SessionView of(PortalSession session) {
            PortalSessionRequest.Scope scope = new PortalSessionRequest.Scope(session.scope().metadata(), session.scope().eventTypes(),
                    session.scope().filter().stream().map(c -> new PortalSessionRequest.Condition(c.attribute(), c.anyOf())).toList());
            return new SessionView(session.id(), session.name().orElse(null), scope, session.createdAt(), session.expiresAt(),
                    session.revokedAt().orElse(null), null, null);
        }

        SessionView withLink(String link, String tokenText) {
            return new SessionView(id, name, scope, createdAt, expiresAt, revokedAt, link, tokenText);
        }
    }

    private final PortalSessions sessions;
    private final Authenticator auth;
    private final Idempotency idempotency;
    private final Optional<URI> publicUrl;

    public PortalSessionRoutes(PortalSessions sessions, Authenticator auth, Idempotency idempotency, Optional<URI> publicUrl) {
        this.sessions = sessions;
        this.auth = auth;
        this.idempotency = idempotency;
        this.publicUrl = publicUrl;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/portal-sessions", idempotency.wrap(this::create));
        routes.get("/v1/portal-sessions", this::list);
        routes.delete("/v1/portal-sessions/{sessionId}", this::revoke);
    }

    private Answer create(Context ctx) {
        Caller caller = auth.authenticate(ctx);
        String tenant = caller.tenant().orElseThrow(() -> ProblemException.forbidden("the admin key manages tenants; use a tenant's API key here"));
        PortalSessionRequest request = new PortalSessionRequest(null, null, null);
        if (ctx.bodyAsBytes().length > 0) {
            JsonNode body = RequestBodies.jsonTree(ctx);
            if (!body.isObject()) {
                throw ProblemException.badRequest("a JSON object is expected: {\"name\", \"scope\", \"expiresInSeconds\"}");
            }
            KnownFields.require(body, KnownFields.of(PortalSessionRequest.class));
            if (body.path("scope").isObject()) {
                requireKnown(body.get("scope"));
            }
            request = RequestBodies.bind(body, PortalSessionRequest.class);
        }
        PortalSessions.Created created = sessions.create(tenant, caller.keyId(), request);
        ctx.header("Cache-Control", "no-store");
        return Answer.created(SessionView.of(created.session()).withLink(link(ctx, created.token()), created.token()));
    }

    private static void requireKnown(JsonNode scope) {
        try {
            KnownFields.require(scope, KnownFields.of(PortalSessionRequest.Scope.class));
        } catch (ProblemException e) {
            throw ProblemException.validation(e.problem().errors().stream()
                    .map(error -> new dev.hooklane.service.http.Problem.FieldError("scope." + error.field(), error.message())).toList());
        }
    }

    /** The portal's address with the token in the fragment, which browsers send to no server and put in no Referer. */
    private String link(Context ctx, String token) {
        String base = publicUrl.map(URI::toString).orElseGet(() -> ctx.scheme() + "://" + ctx.host());
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PortalPageRoutes.PATH + "#token=" + token;
    }

    private void list(Context ctx) {
        List<SessionView> data = sessions.unexpired(auth.tenantOf(ctx)).stream().map(SessionView::of).toList();
        ctx.json(Map.of("data", data));
    }

    private void revoke(Context ctx) {
        sessions.revoke(auth.tenantOf(ctx), ctx.pathParam("sessionId"));
        ctx.status(204);
    }
}
