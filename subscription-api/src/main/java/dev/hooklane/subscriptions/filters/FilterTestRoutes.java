package dev.hooklane.subscriptions.filters;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventTypes;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.matching.MatchInput;
import dev.hooklane.contracts.matching.MatchRule;
import dev.hooklane.contracts.matching.MatchVerdict;
import dev.hooklane.contracts.subscription.EventTypePattern;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.subscriptions.eventtype.EventTypeRoutes;
import dev.hooklane.subscriptions.idempotency.Answer;
import dev.hooklane.subscriptions.idempotency.Idempotency;
import dev.hooklane.subscriptions.request.KnownFields;
import dev.hooklane.subscriptions.subscription.FilterDocument;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/filters/test}: whether a subscription filter (attribute conditions, expression or
 * both) lets an event through, and why, decided by the same rule as the router. The event is
 * given whole, or an event type names it and its samples are tested (its examples, else the
 * tenant's recent events). Nothing is stored or sent.
 */
public final class FilterTestRoutes {

    /** The source of an event given without one. */
    static final URI SOURCE = URI.create("/hooklane/filter-test");
    private static final Set<String> FIELDS = Set.of("filter", "event", "eventType");
    private static final Set<String> EVENT_FIELDS = Set.of("type", "source", "subject", "time", "data");
    private static final int MAX_SAMPLES = 10;

    private final EventTypeRoutes samples;
    private final Authenticator auth;
    private final Idempotency idempotency;
    private final Clock clock;

    public FilterTestRoutes(EventTypeRoutes samples, Authenticator auth, Idempotency idempotency, Clock clock) {
        this.samples = samples;
        this.auth = auth;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** One tested event and the verdict on it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(JsonNode event, boolean matched, String outcome, String reason) {
    }

    /**
     * @param matched whether at least one of the events matched
     * @param samples where the events came from when an event type was given: {@code examples} or {@code recent-events}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verdicts(boolean matched, String samples, List<Result> results) {
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/filters/test", idempotency.wrap(this::test));
    }

    private Answer test(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        JsonNode body = RequestBodies.jsonTree(ctx);
        if (!body.isObject()) {
            throw ProblemException.badRequest("a JSON object is expected: {\"filter\": ..., \"event\": ...} or {\"filter\": ..., \"eventType\": ...}");
        }
        KnownFields.require(body, FIELDS);
        List<FieldError> errors = new ArrayList<>();
        if (!body.has("filter")) {
            errors.add(new FieldError("filter", "is required: conditions, an expression or both, as a subscription's filter"));
        }
        SubscriptionFilter filter = FilterDocument.read(body.get("filter"), "filter", errors);
        List<EventEnvelope> events = List.of();
        String origin = null;
        if (body.has("event") == body.has("eventType")) {
            errors.add(new FieldError("event", "give either an event or an eventType whose samples are tested"));
        } else if (body.has("event")) {
            events = event(tenant, body.get("event"), errors).stream().toList();
        } else if (!body.get("eventType").isTextual() || !EventTypes.isValid(body.get("eventType").asText())) {
            errors.add(new FieldError("eventType", EventTypes.rule()));
        } else {
            EventTypeRoutes.Samples found = samples.samples(Optional.of(tenant), body.get("eventType").asText(), MAX_SAMPLES);
            if (found.data().isEmpty()) {
                errors.add(new FieldError("eventType", "the event type has no examples and the tenant no recent events of it to test with"));
            }
            origin = found.source();
            events = found.data().stream().map(data -> envelope(tenant, found.eventType(), SOURCE, Optional.empty(), clock.instant(), data)).toList();
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        MatchRule rule = MatchRule.of(tenant, List.of(EventTypePattern.ALL), filter);
        List<Result> results = events.stream().map(event -> {
            MatchVerdict verdict = rule.test(MatchInput.of(event));
            return new Result(view(event), verdict.matched(), verdict.outcome().wireName(), verdict.reason());
        }).toList();
        return Answer.ok(new Verdicts(results.stream().anyMatch(Result::matched), origin, results));
    }

    private Optional<EventEnvelope> event(String tenant, JsonNode event, List<FieldError> errors) {
        if (!event.isObject()) {
            errors.add(new FieldError("event", "must be an object {\"type\", \"data\", \"source\"?, \"subject\"?, \"time\"?}"));
            return Optional.empty();
        }
        int before = errors.size();
        event.fieldNames().forEachRemaining(name -> {
            if (!EVENT_FIELDS.contains(name)) {
                errors.add(new FieldError("event." + name, "is not a known field (type, source, subject, time, data)"));
            }
        });
        String type = text(event, "type", errors).orElse(null);
        if (type == null || !EventTypes.isValid(type)) {
            errors.add(new FieldError("event.type", type == null ? "is required" : EventTypes.rule()));
        }
        URI source = text(event, "source", errors).map(text -> uri(text, errors)).orElse(SOURCE);
        Optional<String> subject = text(event, "subject", errors);
        Instant time = text(event, "time", errors).map(text -> time(text, errors)).orElseGet(clock::instant);
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(envelope(tenant, type, source, subject, time, event.has("data") ? event.get("data") : NullNode.getInstance()));
    }

    private static EventEnvelope envelope(String tenant, String type, URI source, Optional<String> subject, Instant time, JsonNode data) {
        return new EventEnvelope("filter-test", source, type, time, subject, tenant, data, Optional.empty());
    }

    private static Optional<String> text(JsonNode event, String field, List<FieldError> errors) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            errors.add(new FieldError("event." + field, "must be a string"));
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    private static URI uri(String text, List<FieldError> errors) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            errors.add(new FieldError("event.source", "must be a URI reference"));
            return SOURCE;
        }
    }

    private static Instant time(String text, List<FieldError> errors) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("event.time", "must be an RFC 3339 time, e.g. 2026-03-01T10:00:00Z"));
            return Instant.EPOCH;
        }
    }

    private static JsonNode view(EventEnvelope event) {
        ObjectNode view = Json.mapper().createObjectNode();
        view.put("type", event.type());
        view.put("source", event.source().toString());
        event.subject().ifPresent(subject -> view.put("subject", subject));
        view.put("time", event.time().toString());
        view.set("data", event.data());
        return view;
    }
}
