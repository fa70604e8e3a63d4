package dev.hooklane.subscriptions.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.eventtype.EventType;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.auth.Caller;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.subscriptions.idempotency.Answer;
import dev.hooklane.subscriptions.idempotency.Idempotency;
import dev.hooklane.subscriptions.request.KnownFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/event-types}: register, list, get, update and archive event types, and samples of a
 * type's data (its examples, else the most recent real events of the caller's tenant).
 */
public final class EventTypeRoutes {

    static final int MAX_SAMPLES = 10;

    private final EventTypeRegistry registry;
    private final RecentEvents recent;
    private final Authenticator auth;
    private final Idempotency idempotency;

    public EventTypeRoutes(EventTypeRegistry registry, RecentEvents recent, Authenticator auth, Idempotency idempotency) {
        this.registry = registry;
        this.recent = recent;
        this.auth = auth;
        this.idempotency = idempotency;
    }

    /** Where samples came from, and the data payloads. */
    public record Samples(String eventType, String source, List<JsonNode> data) {
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/event-types", idempotency.wrap(this::create));
        routes.get("/v1/event-types", this::list);
        routes.get("/v1/event-types/{name}", this::get);
        routes.patch("/v1/event-types/{name}", this::patch);
        routes.delete("/v1/event-types/{name}", this::archive);
        routes.get("/v1/event-types/{name}/samples", this::samples);
    }

    /** The tenant of the caller, empty for the admin key (the platform catalog). */
    private Optional<String> owner(Context ctx) {
        Caller caller = auth.authenticate(ctx);
        return caller.tenant();
    }

    private Answer create(Context ctx) {
        Optional<String> owner = owner(ctx);
        JsonNode body = RequestBodies.jsonTree(ctx);
        if (body.isObject()) {
            KnownFields.require(body, KnownFields.of(EventTypeRequest.class));
        }
        return Answer.created(EventTypeView.of(registry.register(owner, RequestBodies.bind(body, EventTypeRequest.class))));
    }

    private void list(Context ctx) {
        boolean archived = includeArchived(ctx);
        ctx.json(Map.of("data", registry.visibleTo(owner(ctx), archived).stream().map(EventTypeView::of).toList()));
    }

    private void get(Context ctx) {
        String name = ctx.pathParam("name");
        ctx.json(EventTypeView.of(registry.visible(owner(ctx), name).orElseThrow(() -> ProblemException.notFound("no event type " + name))));
    }

    private void patch(Context ctx) {
        Optional<String> owner = owner(ctx);
        ctx.json(EventTypeView.of(registry.patch(owner, ctx.pathParam("name"), RequestBodies.jsonTree(ctx))));
    }

    private void archive(Context ctx) {
        Optional<String> owner = owner(ctx);
        registry.archive(owner, ctx.pathParam("name"));
        ctx.status(204);
    }

    private void samples(Context ctx) {
        Optional<String> owner = owner(ctx);
        ctx.json(samples(owner, ctx.pathParam("name"), limit(ctx)));
    }

    /** The type's examples, else the tenant's most recent real events of the type (never another tenant's). */
    public Samples samples(Optional<String> viewer, String name, int limit) {
        EventType type = registry.active(viewer, name);
        if (!type.examples().isEmpty()) {
            return new Samples(name, "examples", type.examples().stream().limit(limit).toList());
        }
        List<JsonNode> events = viewer.map(tenant -> recent.latest(tenant, name, limit)).orElse(List.of());
        return new Samples(name, events.isEmpty() ? "none" : "recent-events", events);
    }

    /** Only {@code true} and {@code false}: a value that means neither is refused rather than read as false. */
    private static boolean includeArchived(Context ctx) {
        String text = ctx.queryParam("includeArchived");
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw ProblemException.validation(List.of(new FieldError("includeArchived", "must be true or false")));
    }

    private static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return 3;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_SAMPLES) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.validation(List.of(new FieldError("limit", "must be an integer from 1 to " + MAX_SAMPLES)));
    }
}
