package dev.hooklane.subscriptions.resthooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.event.EventTypes;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.Problem;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.subscriptions.eventtype.EventTypeRegistry;
import dev.hooklane.subscriptions.eventtype.EventTypeRoutes;
import dev.hooklane.subscriptions.idempotency.Answer;
import dev.hooklane.subscriptions.idempotency.Idempotency;
import dev.hooklane.subscriptions.request.FieldNames;
import dev.hooklane.subscriptions.request.KnownFields;
import dev.hooklane.subscriptions.subscription.CreateSubscriptionRequest;
import dev.hooklane.subscriptions.subscription.Subscriptions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Seed 002's REST hooks, with its exact shapes: subscribe {@code {"event", "hookUrl"}} answers
 * {@code {"result": {"codeWebhookSubscription"}}}; unsubscribe takes that code; perform-list
 * answers sample data of an event type as the hook would send it, without triggering anything.
 * A REST hook is a subscription to one event type in the {@code data} format.
 *
 * <p>The same three calls are served under the seed's own addresses,
 * {@code /v1/EntryPoints/{projectCode}/process/?c=EPT_WebhookSubscribe} (and
 * {@code EPT_WebhookUnsubscribe}, {@code EPT_WebhookPerformList}), so that an integration written
 * for the seed works by changing only the host. The project code is the seed's; here the API key
 * names the tenant, so any project code is accepted.
 */
public final class RestHookRoutes {

    /** The metadata that marks subscriptions made here. */
    public static final Map<String, String> ORIGIN = Map.of("origin", "rest-hooks");
    static final int PERFORM_LIST_SIZE = 3;

    private final Subscriptions subscriptions;
    private final EventTypeRegistry eventTypes;
    private final EventTypeRoutes samples;
    private final Authenticator auth;
    private final Idempotency idempotency;

    public RestHookRoutes(Subscriptions subscriptions, EventTypeRegistry eventTypes, EventTypeRoutes samples, Authenticator auth,
                          Idempotency idempotency) {
        this.subscriptions = subscriptions;
        this.eventTypes = eventTypes;
        this.samples = samples;
        this.auth = auth;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/rest-hooks/subscribe", idempotency.wrap(this::subscribe));
        routes.post("/v1/rest-hooks/unsubscribe", idempotency.wrap(this::unsubscribe));
        routes.post("/v1/rest-hooks/perform-list", idempotency.wrap(this::performListPost));
        routes.get("/v1/rest-hooks/perform-list", this::performListGet);
        routes.post(EntryPoint.PATH, idempotency.wrap(this::entryPointPost));
        routes.get(EntryPoint.PATH, this::entryPointGet);
    }

    private Answer entryPointPost(Context ctx) {
        return switch (EntryPoint.of(ctx)) {
            case SUBSCRIBE -> subscribe(ctx);
            case UNSUBSCRIBE -> unsubscribe(ctx);
            case PERFORM_LIST -> performListPost(ctx);
        };
    }

    private void entryPointGet(Context ctx) {
        EntryPoint entryPoint = EntryPoint.of(ctx);
        if (entryPoint != EntryPoint.PERFORM_LIST) {
            ctx.header("Allow", "POST");
            throw new ProblemException(Problem.of(405, "method-not-allowed", "Method not allowed",
                    entryPoint.code() + " is called with POST"));
        }
        performListGet(ctx);
    }

    private Answer subscribe(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        JsonNode body = object(ctx, Set.of("event", "hookUrl"));
        String event = knownEvent(tenant, body.get("event"));
        JsonNode hookUrl = body.get("hookUrl");
        CreateSubscriptionRequest request = CreateSubscriptionRequest.of(hookUrl == null || !hookUrl.isTextual() ? null : hookUrl.asText(),
                List.of(event)).withFormat(PayloadFormat.DATA.wireName()).withLabels("REST hook " + event, null, ORIGIN);
        Subscription subscription = FieldNames.renamed(Map.of("url", "hookUrl", "eventTypes", "event"),
                () -> subscriptions.create(tenant, request));
        return Answer.created(Map.of("result", Map.of("codeWebhookSubscription", subscription.id())));
    }

    private Answer unsubscribe(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        JsonNode code = object(ctx, Set.of("codeWebhookSubscription")).get("codeWebhookSubscription");
        if (code == null || !code.isTextual() || code.asText().isBlank()) {
            throw ProblemException.validation(List.of(new FieldError("codeWebhookSubscription", "is required")));
        }
        Subscription subscription = subscriptions.find(tenant, code.asText()).filter(s -> s.metadata().equals(ORIGIN))
                .orElseThrow(() -> ProblemException.notFound("no webhook subscription " + code.asText()));
        subscriptions.delete(tenant, subscription.id());
        return Answer.ok(Map.of("result", Map.of("codeWebhookSubscription", subscription.id())));
    }

    private Answer performListPost(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        return Answer.ok(performList(tenant, object(ctx, Set.of("event")).get("event")));
    }

    private void performListGet(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        String event = ctx.queryParam("event");
        ctx.json(performList(tenant, event == null ? null : com.fasterxml.jackson.databind.node.TextNode.valueOf(event)));
    }

    private Map<String, Object> performList(String tenant, JsonNode event) {
        String type = knownEvent(tenant, event);
        return Map.of("result", samples.samples(Optional.of(tenant), type, PERFORM_LIST_SIZE).data());
    }

    private String knownEvent(String tenant, JsonNode event) {
        if (event == null || !event.isTextual() || !EventTypes.isValid(event.asText())) {
            throw ProblemException.validation(List.of(new FieldError("event", event == null ? "is required" : EventTypes.rule())));
        }
        String type = event.asText();
        if (eventTypes.visible(Optional.of(tenant), type).filter(t -> !t.archived()).isEmpty()) {
            throw ProblemException.validation(List.of(new FieldError("event", "is not a known event type: " + type)));
        }
        return type;
    }

    private static JsonNode object(Context ctx, Set<String> fields) {
        JsonNode body = RequestBodies.jsonTree(ctx);
        if (!body.isObject()) {
            throw ProblemException.badRequest("a JSON object is expected");
        }
        KnownFields.require(body, fields);
        return body;
    }
}
