package dev.hooklane.subscriptions.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.matching.FilterExpression;
import dev.hooklane.contracts.matching.InvalidExpressionException;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import dev.hooklane.service.http.Problem.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A subscription filter as clients send and see it: an array of conditions
 * {@code [{"attribute", "values"}]}, or an object {@code {"conditions": [...], "expression": "..."}}.
 * Answers show the array while there is no expression, so that clients written before expressions
 * read what they always did. The expression is compiled here, so a syntax or type error is refused
 * when it is written, with its position.
 */
public final class FilterDocument {

    /** Most attribute conditions of one filter. */
    static final int MAX_CONDITIONS = 10;
    static final String CONDITIONS = "conditions";
    /** The member of the object form that holds the expression. */
    public static final String EXPRESSION = "expression";
    private static final Set<String> MEMBERS = Set.of(CONDITIONS, EXPRESSION);

    private FilterDocument() {
    }

    /**
     * The filter {@code document} describes; each broken rule is added to {@code errors}, named
     * under {@code field} ({@code filter[0]}, {@code filter.expression}, ...).
     */
    public static SubscriptionFilter read(JsonNode document, String field, List<FieldError> errors) {
        if (document == null || document.isNull() || document.isMissingNode()) {
            return SubscriptionFilter.NONE;
        }
        if (document.isArray()) {
            return SubscriptionFilter.of(conditions(document, field, errors));
        }
        if (!document.isObject()) {
            errors.add(new FieldError(field, "must be an array of conditions or an object {\"conditions\", \"expression\"}"));
            return SubscriptionFilter.NONE;
        }
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                errors.add(new FieldError(field + "." + name, "is not a known field (conditions, expression)"));
            }
        }
        JsonNode conditions = document.path(CONDITIONS);
        List<FilterCondition> read = List.of();
        if (conditions.isArray()) {
            read = conditions(conditions, field + "." + CONDITIONS, errors);
        } else if (!conditions.isMissingNode() && !conditions.isNull()) {
            errors.add(new FieldError(field + "." + CONDITIONS, "must be an array of {\"attribute\", \"values\"}"));
        }
        return new SubscriptionFilter(read, expression(document.path(EXPRESSION), field + "." + EXPRESSION, errors));
    }

    private static List<FilterCondition> conditions(JsonNode array, String field, List<FieldError> errors) {
        if (array.size() > MAX_CONDITIONS) {
            errors.add(new FieldError(field, "at most " + MAX_CONDITIONS + " conditions"));
            return List.of();
        }
        List<FilterCondition> conditions = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode condition = array.get(i);
            JsonNode values = condition.path("values");
            String at = field + "[" + i + "]";
            if (!condition.path("attribute").isTextual() || !values.isArray()) {
                errors.add(new FieldError(at, "needs an attribute and a list of values"));
            } else if (condition.size() != 2) {
                errors.add(new FieldError(at, "has only the fields attribute and values"));
            } else if (!allText(values)) {
                errors.add(new FieldError(at, "values are strings"));
            } else {
                try {
                    conditions.add(new FilterCondition(condition.get("attribute").asText(), texts(values)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(at, e.getMessage()));
                }
            }
        }
        return conditions;
    }

    private static Optional<String> expression(JsonNode expression, String field, List<FieldError> errors) {
        if (expression.isMissingNode() || expression.isNull()) {
            return Optional.empty();
        }
        if (!expression.isTextual()) {
            errors.add(new FieldError(field, "must be a string: a CEL expression"));
            return Optional.empty();
        }
        try {
            FilterExpression.compile(expression.asText());
        } catch (InvalidExpressionException e) {
            e.issues().forEach(issue -> errors.add(new FieldError(field, issue.toString())));
        }
        return Optional.of(expression.asText());
    }

    private static boolean allText(JsonNode values) {
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> texts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    /** The filter as answers show it: the conditions array while there is no expression. */
    public static JsonNode view(SubscriptionFilter filter) {
        if (filter.expression().isEmpty()) {
            return conditionsArray(filter.conditions());
        }
        ObjectNode view = Json.mapper().createObjectNode();
        if (!filter.conditions().isEmpty()) {
            view.set(CONDITIONS, conditionsArray(filter.conditions()));
        }
        view.put(EXPRESSION, filter.expression().get());
        return view;
    }

    /** The filter as a merge patch starts from: always the object, so a patch may set its expression or its conditions alone. */
    static JsonNode editable(SubscriptionFilter filter) {
        ObjectNode editable = Json.mapper().createObjectNode();
        editable.set(CONDITIONS, conditionsArray(filter.conditions()));
        filter.expression().ifPresent(expression -> editable.put(EXPRESSION, expression));
        return editable;
    }

    private static ArrayNode conditionsArray(List<FilterCondition> conditions) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (FilterCondition condition : conditions) {
            ObjectNode node = array.addObject();
            node.put("attribute", condition.attribute());
            condition.anyOf().forEach(node.putArray("values")::add);
        }
        return array;
    }
}
