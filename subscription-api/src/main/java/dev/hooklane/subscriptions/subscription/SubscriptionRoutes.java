package dev.hooklane.subscriptions.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.subscription.EventTypePattern;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** {@code /v1/subscriptions}: create, list, get, patch and delete a tenant's subscriptions. */
public final class SubscriptionRoutes {

    static final int MAX_PAGE = 100;
    private static final Set<String> CREATE_FIELDS = KnownFields.of(CreateSubscriptionRequest.class);

    private final Subscriptions subscriptions;
    private final Authenticator auth;
    private final Idempotency idempotency;

    public SubscriptionRoutes(Subscriptions subscriptions, Authenticator auth, Idempotency idempotency) {
        this.subscriptions = subscriptions;
        this.auth = auth;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/subscriptions", idempotency.wrap(this::create));
        routes.get("/v1/subscriptions", this::list);
        routes.get("/v1/subscriptions/{id}", this::get);
        routes.patch("/v1/subscriptions/{id}", this::patch);
        routes.delete("/v1/subscriptions/{id}", this::delete);
    }

    private Answer create(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        JsonNode body = RequestBodies.jsonTree(ctx);
        if (body.isObject()) {
            KnownFields.require(body, CREATE_FIELDS);
        }
        Subscription subscription = subscriptions.create(tenant, RequestBodies.bind(body, CreateSubscriptionRequest.class));
        return Answer.created(SubscriptionView.of(subscription).withSecret(subscription.secrets().get(0).secret()));
    }

    private void list(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        Query query = Query.of(ctx);
        List<Subscription> page = subscriptions.ofTenant(tenant)
                .filter(query.matches())
                .filter(s -> query.after().map(after -> s.id().compareTo(after) > 0).orElse(true))
                .limit(query.limit() + 1L)
                .toList();
        boolean more = page.size() > query.limit();
        List<SubscriptionView> data = page.stream().limit(query.limit()).map(SubscriptionView::of).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        if (more) {
            answer.put("nextCursor", data.get(data.size() - 1).id());
        }
        ctx.json(answer);
    }

    private void get(Context ctx) {
        answer(ctx, subscriptions.ownedVersion(auth.tenantOf(ctx), ctx.pathParam("id")));
    }

    private void patch(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        IfMatch ifMatch = IfMatch.of(ctx);
        answer(ctx, subscriptions.patch(tenant, ctx.pathParam("id"), RequestBodies.jsonTree(ctx), ifMatch));
    }

    private static void answer(Context ctx, Versioned<Subscription> subscription) {
        ctx.header(IfMatch.ETAG, IfMatch.etag(subscription.version()));
        ctx.json(SubscriptionView.of(subscription.value()));
    }

    private void delete(Context ctx) {
        IfMatch ifMatch = IfMatch.of(ctx);
        subscriptions.delete(auth.tenantOf(ctx), ctx.pathParam("id"), ifMatch);
        ctx.status(204);
    }

    /** The list parameters, checked: every bad one is reported at once. */
    private record Query(int limit, Optional<String> after, Optional<String> eventType, Optional<Boolean> enabled) {

        static Query of(Context ctx) {
            List<FieldError> errors = new ArrayList<>();
            int limit = MAX_PAGE;
            String limitText = ctx.queryParam("limit");
            if (limitText != null) {
                try {
                    limit = Integer.parseInt(limitText);
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > MAX_PAGE) {
                    errors.add(new FieldError("limit", "must be an integer from 1 to " + MAX_PAGE));
                }
            }
            Optional<String> eventType = Optional.ofNullable(ctx.queryParam("eventType"));
            if (eventType.isPresent() && !dev.hooklane.contracts.event.EventTypes.isValid(eventType.get())) {
                errors.add(new FieldError("eventType", dev.hooklane.contracts.event.EventTypes.rule()));
            }
            Optional<Boolean> enabled = Optional.empty();
            String state = ctx.queryParam("state");
            if (state != null) {
                switch (state) {
                    case "enabled" -> enabled = Optional.of(true);
                    case "disabled" -> enabled = Optional.of(false);
                    default -> errors.add(new FieldError("state", "must be enabled or disabled"));
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            return new Query(limit, Optional.ofNullable(ctx.queryParam("after")), eventType, enabled);
        }

        /** Subscriptions in the requested state that would receive an event of the requested type. */
        Predicate<Subscription> matches() {
            return s -> enabled.map(e -> s.enabled() == e).orElse(true)
                    && eventType.map(type -> EventTypePattern.anyMatches(s.eventTypes(), type)).orElse(true);
        }
    }
}
