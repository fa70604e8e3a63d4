package dev.hooklane.contracts.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an event must satisfy, beyond its tenant and type, to reach a subscription: attribute
 * conditions, all of which must hold, and an optional CEL expression that must be true (see
 * {@code dev.hooklane.contracts.matching}). An empty filter lets every event through.
 *
 * <p>On the wire a filter without an expression is the array of its conditions, exactly as
 * subscriptions were written before expressions existed, so readers of either age agree on them;
 * a filter with an expression is {@code {"conditions": [...], "expression": "..."}}.
 *
 * @param conditions attribute conditions, all of which must hold
 * @param expression a CEL expression over the event that must be true; it is compiled when it is
 *     written (by the subscription API) and when it is first evaluated
 */
public record SubscriptionFilter(List<FilterCondition> conditions, Optional<String> expression) {

    /** The filter that lets every event through. */
    public static final SubscriptionFilter NONE = new SubscriptionFilter(List.of(), Optional.empty());
    private static final String CONDITIONS = "conditions";
    private static final String EXPRESSION = "expression";

    public SubscriptionFilter {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        expression = expression == null ? Optional.empty() : expression;
    }

    /** A filter of attribute conditions only. */
    public static SubscriptionFilter of(List<FilterCondition> conditions) {
        return new SubscriptionFilter(conditions, Optional.empty());
    }

    public boolean isEmpty() {
        return conditions.isEmpty() && expression.isEmpty();
    }

    /** The wire form: the conditions array when there is no expression, else the object. */
    @JsonValue
    Object wire() {
        if (expression.isEmpty()) {
            return conditions;
        }
        Map<String, Object> wire = new LinkedHashMap<>();
        if (!conditions.isEmpty()) {
            wire.put(CONDITIONS, conditions);
        }
        wire.put(EXPRESSION, expression.get());
        return wire;
    }

    /** Reads either wire form. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SubscriptionFilter fromWire(JsonNode wire) throws IOException {
        if (wire == null || wire.isNull()) {
            return NONE;
        }
        JsonNode conditions = wire.isArray() ? wire : wire.path(CONDITIONS);
        List<FilterCondition> read = new ArrayList<>();
        for (JsonNode condition : conditions) {
            read.add(Json.mapper().treeToValue(condition, FilterCondition.class));
        }
        JsonNode expression = wire.path(EXPRESSION);
        return new SubscriptionFilter(read, expression.isTextual() ? Optional.of(expression.asText()) : Optional.empty());
    }
}
