package dev.hooklane.service.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.text.PlainText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the values of a parsed JSON document that could not be kept as they were sent: text with
 * an unpaired UTF-16 surrogate (written as UTF-8 it would become {@code ?}), numbers beyond the
 * range of a double ({@code 1e400}, which would be kept as infinity and written as
 * {@code "Infinity"}) and numbers too close to zero for a double ({@code 1e-400}, which would be
 * kept as 0). A number written as zero ({@code 0.0}, {@code 0e5}, {@code -0.0}) is kept.
 */
final class StorableValues {

    private static final int MAX_ERRORS = 20;
    private static final String BEYOND_RANGE = "is beyond the range of a 64-bit floating-point number";
    private static final String TOO_SMALL = "is too close to zero for a 64-bit floating-point number, which would keep it as 0; send 0 or a number "
            + "of larger magnitude";
    private static final JsonFactory TOKENS = new JsonFactory();

    private StorableValues() {
    }

    /**
     * One error per value of {@code tree}, parsed from {@code source}, that cannot be kept, naming
     * its field ({@code data.items[2].name}); at most {@value #MAX_ERRORS}.
     */
    static List<Problem.FieldError> check(JsonNode tree, byte[] source) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (check(tree, new ArrayList<>(), errors)) {
            underflows(source, errors);
        }
        return errors;
    }

    /** Walks the tree; true when it holds a floating-point zero, which only the source text can tell from an underflow. */
    private static boolean check(JsonNode node, List<String> at, List<Problem.FieldError> errors) {
        if (errors.size() >= MAX_ERRORS) {
            return false;
        }
        boolean zero = false;
        if (node.isTextual() && !PlainText.isWellFormed(node.textValue())) {
            errors.add(new Problem.FieldError(path(at), PlainText.wellFormedRule()));
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            errors.add(new Problem.FieldError(path(at), BEYOND_RANGE));
        } else if (node.isFloatingPointNumber()) {
            zero = node.doubleValue() == 0;
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                at.add("[" + i + "]");
                zero |= check(node.get(i), at, errors);
                at.removeLast();
            }
        } else if (node.isObject()) {
            // Keys need no check: the parser refuses a broken surrogate in a field name itself.
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                at.add(field.getKey());
                zero |= check(field.getValue(), at, errors);
                at.removeLast();
            }
        }
        return zero;
    }

    /**
     * Reads the source again, token by token, for the numbers a double holds as zero though they
     * were not written as zero. Only a document with a floating-point zero pays for this second
     * reading; the tree keeps no trace of the text a number was written as.
     */
    private static void underflows(byte[] source, List<Problem.FieldError> errors) {
        try (JsonParser parser = TOKENS.createParser(source)) {
            for (JsonToken token = parser.nextToken(); token != null && errors.size() < MAX_ERRORS; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT && parser.getDoubleValue() == 0 && !writtenAsZero(parser.getText())) {
                    errors.add(new Problem.FieldError(path(parser.getParsingContext()), TOO_SMALL));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("a document that parsed once did not parse again", e);
        }
    }

    /** Whether the digits before the exponent are all zeros: {@code -0.00e12} is zero, {@code 1e-400} is not. */
    private static boolean writtenAsZero(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == 'e' || c == 'E') {
                return true;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    /** The field path of the value the parser is at. */
    private static String path(JsonStreamContext context) {
        List<String> names = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            names.addFirst(at.inArray() ? "[" + at.getCurrentIndex() + "]" : at.getCurrentName());
        }
        return path(names);
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
