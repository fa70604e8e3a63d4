package dev.hooklane.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.text.PlainText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the values of a parsed JSON document that could not be kept as they were sent: text with
 * an unpaired UTF-16 surrogate (written as UTF-8 it would become {@code ?}) and numbers beyond the
 * range of a double ({@code 1e400}, which would be kept as infinity and written as
 * {@code "Infinity"}).
 */
final class StorableValues {

    private static final int MAX_ERRORS = 20;

    private StorableValues() {
    }

    /** One error per value that cannot be kept, naming its field ({@code data.items[2].name}); at most {@value #MAX_ERRORS}. */
    static List<Problem.FieldError> check(JsonNode tree) {
        List<Problem.FieldError> errors = new ArrayList<>();
        check(tree, new ArrayList<>(), errors);
        return errors;
    }

    private static void check(JsonNode node, List<String> at, List<Problem.FieldError> errors) {
        if (errors.size() >= MAX_ERRORS) {
            return;
        }
        if (node.isTextual() && !PlainText.isWellFormed(node.textValue())) {
            errors.add(new Problem.FieldError(path(at), PlainText.wellFormedRule()));
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            errors.add(new Problem.FieldError(path(at), "is beyond the range of a 64-bit floating-point number"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                at.add("[" + i + "]");
                check(node.get(i), at, errors);
                at.removeLast();
            }
        } else if (node.isObject()) {
            // Keys need no check: the parser refuses a broken surrogate in a field name itself.
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                at.add(field.getKey());
                check(field.getValue(), at, errors);
                at.removeLast();
            }
        }
    }

    /** Joins field names and {@code [i]} indexes into a field path: {@code a.b[1].c}, or {@code body} for the root. */
    static String path(List<String> names) {
        StringBuilder path = new StringBuilder();
        for (String name : names) {
            if (!path.isEmpty() && !name.startsWith("[")) {
                path.append('.');
            }
            path.append(name);
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
