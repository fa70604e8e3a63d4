package dev.hooklane.contracts.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.event.EventEnvelope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One condition of a subscription filter: the attribute's value must be one of {@code anyOf}
 * (one value is equality). Attributes are envelope attributes ({@code subject}, {@code source})
 * or top-level data fields ({@code data.municipalityId}). When the data field is an array, the
 * condition holds if any element is one of the values.
 *
 * @param attribute {@code subject}, {@code source} or {@code data.<field>}
 * @param anyOf accepted values, compared as text
 */
public record FilterCondition(String attribute, List<String> anyOf) {

    private static final Pattern ATTRIBUTE = Pattern.compile("subject|source|data\\.[A-Za-z0-9_$-]{1,64}");
    /** Most values one condition may list. */
    public static final int MAX_VALUES = 256;

    public FilterCondition {
        Objects.requireNonNull(attribute, "attribute");
        if (!ATTRIBUTE.matcher(attribute).matches()) {
            throw new IllegalArgumentException("filter attribute must be subject, source or data.<field>: " + attribute);
        }
        anyOf = List.copyOf(anyOf);
        if (anyOf.isEmpty() || anyOf.size() > MAX_VALUES) {
            throw new IllegalArgumentException("filter on " + attribute + " needs 1 to " + MAX_VALUES + " values");
        }
    }

    public boolean matches(EventEnvelope event) {
        return switch (attribute) {
            case "subject" -> event.subject().filter(anyOf::contains).isPresent();
            case "source" -> anyOf.contains(event.source().toString());
            default -> dataMatches(event.data().get(attribute.substring("data.".length())));
        };
    }

    private boolean dataMatches(JsonNode field) {
        if (field == null || field.isNull() || field.isObject()) {
            return false;
        }
        if (field.isArray()) {
            for (JsonNode element : field) {
                if (element.isValueNode() && anyOf.contains(element.asText())) {
                    return true;
                }
            }
            return false;
        }
        return anyOf.contains(field.asText());
    }

    /** True when every condition holds; an empty filter matches everything. */
    public static boolean allMatch(List<FilterCondition> filter, EventEnvelope event) {
        for (FilterCondition condition : filter) {
            if (!condition.matches(event)) {
                return false;
            }
        }
        return true;
    }

    /** The first condition that fails, for explanations. */
    public static Optional<FilterCondition> firstFailing(List<FilterCondition> filter, EventEnvelope event) {
        return filter.stream().filter(condition -> !condition.matches(event)).findFirst();
    }
}
