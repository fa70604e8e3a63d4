package dev.hooklane.contracts.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.event.EventEnvelope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One attribute condition of a subscription filter: the attribute's value must be one of
 * {@code anyOf} (one value is equality). Attributes are envelope attributes ({@code subject},
 * {@code source}) or data fields at any depth ({@code data.municipalityId},
 * {@code data.customer.country}); every step but the last must be a JSON object. When the field
 * is an array, the condition holds if any element is one of the values.
 *
 * @param attribute {@code subject}, {@code source} or {@code data.<field>[.<field>...]}
 * @param anyOf accepted values, compared as text
 */
public record FilterCondition(String attribute, List<String> anyOf) {

    /** Most fields a data path may name: {@code data.a.b.c...}. */
    public static final int MAX_DEPTH = 10;
    /** Most values one condition may list. */
    public static final int MAX_VALUES = 256;
    private static final String DATA = "data.";
    private static final Pattern ATTRIBUTE = Pattern.compile("subject|source|data(\\.[A-Za-z0-9_$-]{1,64}){1," + MAX_DEPTH + "}");

    public FilterCondition {
        Objects.requireNonNull(attribute, "attribute");
        if (!ATTRIBUTE.matcher(attribute).matches()) {
            throw new IllegalArgumentException("filter attribute must be subject, source or data.<field> (up to " + MAX_DEPTH
                    + " fields deep, e.g. data.customer.country): " + attribute);
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
            default -> dataMatches(dataField(event.data()));
        };
    }

    /** Why the condition does not hold for {@code event}, in words for the filter test. */
    public String whyNot(EventEnvelope event) {
        Optional<String> value = switch (attribute) {
            case "subject" -> event.subject();
            case "source" -> Optional.of(event.source().toString());
            default -> Optional.ofNullable(dataField(event.data())).filter(field -> !field.isMissingNode()).map(JsonNode::toString);
        };
        return value.map(text -> attribute + " is " + text + ", not one of " + anyOf).orElseGet(() -> "the event has no " + attribute);
    }

    /** The data field the attribute names, or null when a step of the path is missing or not an object. */
    private JsonNode dataField(JsonNode data) {
        JsonNode node = data;
        int start = DATA.length();
        while (node != null) {
            int dot = attribute.indexOf('.', start);
            if (dot < 0) {
                return node.isObject() ? node.get(attribute.substring(start)) : null;
            }
            node = node.isObject() ? node.get(attribute.substring(start, dot)) : null;
            start = dot + 1;
        }
        return null;
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
}
