package dev.hooklane.subscriptions.portal;

import dev.hooklane.contracts.event.EventTypes;
import dev.hooklane.contracts.portal.PortalScope;
import dev.hooklane.contracts.portal.PortalSession;
import dev.hooklane.contracts.subscription.EventTypePattern;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.service.auth.AuthFailureThrottle;
import dev.hooklane.service.http.Problem;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.kafka.CompactedTopicView;
import dev.hooklane.service.kafka.TopicTable;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Portal sessions: made and revoked by tenants, recorded on the compacted portal-sessions topic,
 * and checked on every portal request: a valid signature, not expired, not revoked, the tenant
 * still active. Requests with bad tokens count against the client like bad API keys.
 */
public final class PortalSessions {

    private static final Logger log = LoggerFactory.getLogger(PortalSessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Shortest and longest session. */
    static final Duration MIN_LIFETIME = Duration.ofHours(1);
    static final Duration MAX_LIFETIME = Duration.ofHours(24);
    static final int MAX_METADATA = 5;
    static final int MAX_EVENT_TYPES = 100;
    static final int MAX_FILTER = 10;

    private final TopicTable<PortalSession> table;
    private final CompactedTopicView<Tenant> tenants;
    private final PortalTokens tokens;
    private final AuthFailureThrottle throttle;
    private final Clock clock;

    public PortalSessions(TopicTable<PortalSession> table, CompactedTopicView<Tenant> tenants, PortalSettings settings,
                          AuthFailureThrottle throttle, Clock clock) {
        this.table = table;
        this.tenants = tenants;
        this.tokens = new PortalTokens(settings.signingKeys());
        this.throttle = throttle;
        this.clock = clock;
    }

    /** A new session and its token. */
    record Created(PortalSession session, String token) {
    }

    Created create(String tenant, String keyId, PortalSessionRequest request) {
        if (!tokens.canIssue()) {
            throw new ProblemException(Problem.of(501, "portal-off", "Portal sessions are off",
                    "this platform has no portal signing key (HOOKLANE_PORTAL_SIGNING_KEYS)"));
        }
        List<FieldError> errors = new ArrayList<>();
        Optional<String> name = Optional.ofNullable(request.name());
        if (name.isPresent() && (name.get().isBlank() || name.get().length() > 100)) {
            errors.add(new FieldError("name", "must have 1 to 100 characters"));
        }
        Duration lifetime = Duration.ofSeconds(Optional.ofNullable(request.expiresInSeconds()).orElse((int) MIN_LIFETIME.toSeconds()));
        if (lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            errors.add(new FieldError("expiresInSeconds", "must be from " + MIN_LIFETIME.toSeconds() + " to " + MAX_LIFETIME.toSeconds()));
        }
        PortalScope scope = scope(request.scope(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Instant now = clock.instant();
        PortalSession session = new PortalSession(newId(), tenant, name, scope, now, now.plus(lifetime), keyId, Optional.empty());
        table.put(session.id(), session);
        log.info("Made portal session {} for tenant {} until {}", session.id(), tenant, session.expiresAt());
        return new Created(session, tokens.issue(session));
    }

    private static PortalScope scope(PortalSessionRequest.Scope request, List<FieldError> errors) {
        if (request == null) {
            return PortalScope.everything();
        }
        Map<String, String> metadata = request.metadata() == null ? Map.of() : request.metadata();
        if (metadata.size() > MAX_METADATA) {
            errors.add(new FieldError("scope.metadata", "may hold at most " + MAX_METADATA + " pairs"));
        }
        metadata.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 64 || value == null || value.isEmpty() || value.length() > 500) {
                errors.add(new FieldError("scope.metadata." + key, "keys need 1 to 64 characters and values 1 to 500"));
            }
        });
        List<String> eventTypes = request.eventTypes() == null ? List.of() : request.eventTypes();
        if (eventTypes.size() > MAX_EVENT_TYPES) {
            errors.add(new FieldError("scope.eventTypes", "may list at most " + MAX_EVENT_TYPES + " types"));
        }
        for (int i = 0; i < eventTypes.size(); i++) {
            if (eventTypes.get(i) == null || !EventTypePattern.isValid(eventTypes.get(i))) {
                errors.add(new FieldError("scope.eventTypes[" + i + "]", EventTypes.rule() + ", a pattern such as report.*, or *"));
            }
        }
        List<PortalSessionRequest.Condition> conditions = request.filter() == null ? List.of() : request.filter();
        if (conditions.size() > MAX_FILTER) {
            errors.add(new FieldError("scope.filter", "may hold at most " + MAX_FILTER + " conditions"));
        }
        List<FilterCondition> filter = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            PortalSessionRequest.Condition condition = conditions.get(i);
            try {
                filter.add(new FilterCondition(condition.attribute(), condition.values() == null ? List.of() : condition.values()));
            } catch (IllegalArgumentException | NullPointerException e) {
                errors.add(new FieldError("scope.filter[" + i + "]", "needs an attribute (subject, source or data.<field>) and 1 to "
                        + FilterCondition.MAX_VALUES + " values"));
            }
        }
        return errors.isEmpty() ? new PortalScope(metadata, eventTypes, filter) : PortalScope.everything();
    }

    /** The tenant's sessions that have not expired, newest first. */
    List<PortalSession> unexpired(String tenant) {
        Instant now = clock.instant();
        return table.values().stream().filter(s -> s.tenant().equals(tenant) && now.isBefore(s.expiresAt()))
                .sorted(Comparator.comparing(PortalSession::createdAt).reversed()).toList();
    }

    /** Revokes a session of {@code tenant}; 404 for another tenant's or an unknown id. Revoking twice changes nothing. */
    PortalSession revoke(String tenant, String id) {
        PortalSession session = table.get(id).filter(s -> s.tenant().equals(tenant))
                .orElseThrow(() -> ProblemException.notFound("no portal session " + id));
        if (session.revokedAt().isPresent()) {
            return session;
        }
        PortalSession revoked = session.revoked(clock.instant());
        table.put(id, revoked);
        log.info("Revoked portal session {} of tenant {}", id, tenant);
        return revoked;
    }

    /**
     * The grant of the portal token a request carries.
     *
     * @throws ProblemException 401 for a missing, invalid, expired or revoked token or an inactive tenant; 429 after too many
     */
    PortalTokens.Grant authenticate(Context ctx) {
        String client = throttle.clientOf(ctx);
        throttle.waitFor(client).ifPresent(wait -> {
            throw ProblemException.tooManyRequests("too many requests with invalid portal tokens from this client; retry later", wait);
        });
        try {
            return grant(ctx);
        } catch (ProblemException e) {
            throttle.failed(client);
            throw e;
        }
    }

    private PortalTokens.Grant grant(Context ctx) {
        String authorization = Optional.ofNullable(ctx.header("Authorization")).map(String::strip).orElse("");
        if (!authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw ProblemException.unauthorized("send the portal session token as 'Authorization: Bearer <token>'");
        }
        PortalTokens.Grant grant;
        try {
            grant = tokens.verify(authorization.substring(7).strip(), clock.instant());
        } catch (PortalTokens.InvalidToken e) {
            throw ProblemException.unauthorized(e.getMessage());
        }
        if (table.get(grant.sessionId()).flatMap(PortalSession::revokedAt).isPresent()) {
            throw ProblemException.unauthorized("the portal session was revoked; ask for a new link");
        }
        if (!tenants.get(grant.tenant()).map(Tenant::active).orElse(false)) {
            throw ProblemException.unauthorized("the portal session's account is no longer active");
        }
        return grant;
    }

    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "ps_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
