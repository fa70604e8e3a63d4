package dev.hooklane.contracts.subscription;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
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
@JsonDeserialize(using = SubscriptionFilter.WireReader.class)
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

    /** Reads either wire form as it streams by: routing reads a filter for every candidate subscription. */
    static final class WireReader extends StdDeserializer<SubscriptionFilter> implements ResolvableDeserializer {

        private static final long serialVersionUID = 1L;
        private transient JsonDeserializer<Object> conditionsReader;

        WireReader() {
            super(SubscriptionFilter.class);
        }

        /** Finds the conditions' reader once, rather than for every filter read. */
        @Override
        public void resolve(DeserializationContext context) throws JsonMappingException {
            conditionsReader = context.findRootValueDeserializer(context.getTypeFactory().constructCollectionType(List.class, FilterCondition.class));
        }

        @SuppressWarnings("unchecked")
        private List<FilterCondition> conditions(JsonParser parser, DeserializationContext context) throws IOException {
            return (List<FilterCondition>) conditionsReader.deserialize(parser, context);
        }

        @Override
        public SubscriptionFilter deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.START_ARRAY) {
                return of(conditions(parser, context));
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return (SubscriptionFilter) context.handleUnexpectedToken(SubscriptionFilter.class, parser);
            }
            List<FilterCondition> conditions = List.of();
            Optional<String> expression = Optional.empty();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (CONDITIONS.equals(name)) {
                    conditions = conditions(parser, context);
                } else if (EXPRESSION.equals(name)) {
                    // Anything but text would lose the expression, and with it the filtering: the record is refused instead.
                    expression = Optional.of(value == JsonToken.VALUE_STRING ? parser.getText()
                            : (String) context.handleUnexpectedToken(String.class, parser));
                } else {
                    parser.skipChildren();
                }
            }
            return new SubscriptionFilter(conditions, expression);
        }

        @Override
        public SubscriptionFilter getNullValue(DeserializationContext context) {
            return NONE;
        }
    }
}
