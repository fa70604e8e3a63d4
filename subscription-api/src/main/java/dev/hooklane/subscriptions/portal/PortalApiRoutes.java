package dev.hooklane.subscriptions.portal;

import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.subscriptions.attempts.AttemptHistory;
import dev.hooklane.subscriptions.attempts.AttemptView;
import dev.hooklane.subscriptions.eventtype.EventTypeRegistry;
import dev.hooklane.subscriptions.eventtype.EventTypeView;
import dev.hooklane.subscriptions.replay.ReplayRoutes.DeadLetterView;
import dev.hooklane.subscriptions.replay.ReplayRoutes.ReplayAnswer;
import dev.hooklane.subscriptions.replay.ReplayService;
import dev.hooklane.subscriptions.secret.SecretView;
import dev.hooklane.subscriptions.subscription.Subscriptions;
import dev.hooklane.subscriptions.subscription.TestEventRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /portal/api}: what the portal page calls, with a portal session token instead of an API
 * key. Every route checks the token first and then works only on subscriptions its scope covers;
 * a subscription outside it answers 404 as if it did not exist. Tenant API keys are refused here,
 * and portal tokens on every other route.
 */
public final class PortalApiRoutes {

    static final String BASE = "/portal/api";
    static final int MAX_ATTEMPTS = 100;
    static final int DEFAULT_ATTEMPTS = 20;
    /** The chart counts at most this many of an endpoint's newest attempts, so that a busy endpoint's chart stays cheap. */
    static final int STATS_ATTEMPTS = 10_000;
    /** How far back dead letters are listed and looked for. */
    static final Duration DEAD_LETTER_LOOKBACK = Duration.ofDays(31);
    static final int MAX_DEAD_LETTERS = 50;

    private final PortalSessions sessions;
    private final PortalEndpoints endpoints;
    private final Subscriptions subscriptions;
    private final EventTypeRegistry eventTypes;
    private final TestEventRoutes testEvents;
    private final AttemptHistory attempts;
    private final ReplayService replay;
    private final Duration rotationOverlap;
    private final Clock clock;

    public PortalApiRoutes(PortalSessions sessions, Subscriptions subscriptions, EventTypeRegistry eventTypes, TestEventRoutes testEvents,
                           AttemptHistory attempts, ReplayService replay, Duration rotationOverlap, Clock clock) {
        this.sessions = sessions;
        this.endpoints = new PortalEndpoints(subscriptions);
        this.subscriptions = subscriptions;
        this.eventTypes = eventTypes;
        this.testEvents = testEvents;
        this.attempts = attempts;
        this.replay = replay;
        this.rotationOverlap = rotationOverlap;
        this.clock = clock;
    }

    /** A portal route: runs with the request's verified grant. */
    @FunctionalInterface
    private interface GrantedHandler {
        void handle(Context ctx, PortalTokens.Grant grant);
    }

    private Handler granted(GrantedHandler handler) {
        return ctx -> {
            PortalTokens.Grant grant = sessions.authenticate(ctx);
            ctx.header("Cache-Control", "no-store");
            handler.handle(ctx, grant);
        };
    }

    public void register(RoutesConfig routes) {
        routes.get(BASE + "/session", granted(this::session));
        routes.get(BASE + "/event-types", granted(this::eventTypes));
        routes.get(BASE + "/stats", granted(this::stats));
        routes.get(BASE + "/endpoints", granted((ctx, grant) -> ctx.json(Map.of("data", endpoints.list(grant).stream().map(EndpointView::of).toList()))));
        routes.post(BASE + "/endpoints", granted(this::create));
        routes.get(BASE + "/endpoints/{id}", granted((ctx, grant) -> ctx.json(EndpointView.of(endpoint(ctx, grant)))));
        routes.patch(BASE + "/endpoints/{id}", granted((ctx, grant) ->
                ctx.json(EndpointView.of(endpoints.patch(grant, ctx.pathParam("id"), RequestBodies.jsonTree(ctx))))));
        routes.delete(BASE + "/endpoints/{id}", granted((ctx, grant) -> {
            endpoints.delete(grant, ctx.pathParam("id"));
            ctx.status(204);
        }));
        routes.post(BASE + "/endpoints/{id}/secret/rotate", granted(this::rotate));
        routes.post(BASE + "/endpoints/{id}/test", granted((ctx, grant) ->
                ctx.status(202).json(testEvents.send(endpoint(ctx, grant), RequestBodies.jsonTree(ctx)))));
        routes.get(BASE + "/endpoints/{id}/attempts", granted(this::attempts));
        routes.get(BASE + "/endpoints/{id}/dead-letters", granted(this::deadLetters));
        routes.post(BASE + "/endpoints/{id}/dead-letters/{jobId}/replay", granted(this::replayDeadLetter));
    }

    private Subscription endpoint(Context ctx, PortalTokens.Grant grant) {
        return endpoints.get(grant, ctx.pathParam("id"));
    }

    private void session(Context ctx, PortalTokens.Grant grant) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tenant", grant.tenant());
        answer.put("eventTypes", grant.scope().eventTypes());
        answer.put("expiresAt", grant.expiresAt());
        ctx.json(answer);
    }

    /** The catalog types the scope allows, with descriptions, schemas and examples; never samples of real events. */
    private void eventTypes(Context ctx, PortalTokens.Grant grant) {
        List<EventTypeView> types = eventTypes.visibleTo(Optional.of(grant.tenant()), false).stream()
                .filter(type -> grant.scope().allowsEventType(type.name())).map(EventTypeView::of).toList();
        ctx.json(Map.of("data", types));
    }

    private void create(Context ctx, PortalTokens.Grant grant) {
        Subscription created = endpoints.create(grant, RequestBodies.jsonTree(ctx));
        ctx.status(201).json(EndpointView.of(created).withSecret(created.secrets().get(0).secret()));
    }

    private void rotate(Context ctx, PortalTokens.Grant grant) {
        Subscription rotated = subscriptions.rotate(grant.tenant(), endpoint(ctx, grant).id(), Optional.empty(), rotationOverlap);
        ctx.json(SecretView.of(rotated.activeSecrets(clock.instant())));
    }

    private void attempts(Context ctx, PortalTokens.Grant grant) {
        int limit = limit(ctx, DEFAULT_ATTEMPTS, MAX_ATTEMPTS);
        List<AttemptView> data = attempts.recent(endpoint(ctx, grant).id(), limit).stream().map(AttemptView::of).toList();
        ctx.json(Map.of("data", data));
    }

    private void stats(Context ctx, PortalTokens.Grant grant) {
        String only = ctx.queryParam("endpoint");
        List<Subscription> covered = only == null ? endpoints.list(grant) : List.of(endpoints.get(grant, only));
        ctx.json(DeliveryStats.of(covered.stream().flatMap(s -> attempts.recent(s.id(), STATS_ATTEMPTS).stream()).toList(), clock.instant()));
    }

    private void deadLetters(Context ctx, PortalTokens.Grant grant) {
        Subscription subscription = endpoint(ctx, grant);
        Instant now = clock.instant();
        List<DeadLetterView> data = unlessBusy(() -> replay.deadLetters(subscription, now.minus(DEAD_LETTER_LOOKBACK), now, MAX_DEAD_LETTERS))
                .stream().map(DeadLetterView::of).toList();
        ctx.json(Map.of("data", data));
    }

    private void replayDeadLetter(Context ctx, PortalTokens.Grant grant) {
        Subscription subscription = endpoint(ctx, grant);
        if (!subscription.enabled()) {
            throw ProblemException.conflict("the endpoint is disabled; enable it before replaying its dead letters");
        }
        String jobId = ctx.pathParam("jobId");
        Instant now = clock.instant();
        ReplayService.Result result = unlessBusy(() -> replay.replay(subscription, Optional.of(jobId), now.minus(DEAD_LETTER_LOOKBACK), now));
        if (result.sent() == 0) {
            throw ProblemException.notFound("no dead letter " + jobId + " of endpoint " + subscription.id());
        }
        ctx.status(202).json(ReplayAnswer.of(result));
    }

    private static <T> T unlessBusy(Supplier<T> scan) {
        try {
            return scan.get();
        } catch (ReplayService.Busy e) {
            throw ProblemException.unavailable(e.getMessage(), Duration.ofSeconds(5));
        }
    }

    private static int limit(Context ctx, int defaultLimit, int max) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.validation(List.of(new FieldError("limit", "must be an integer from 1 to " + max)));
    }
}
