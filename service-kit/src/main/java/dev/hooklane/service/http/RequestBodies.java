package dev.hooklane.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.hooklane.contracts.json.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads JSON request bodies with answers a client can act on. */
public final class RequestBodies {

    private static final ObjectMapper STRICT = strictMapper();

    private RequestBodies() {
    }

    /**
     * Duplicate keys are refused, a body is exactly one JSON value, and no scalar is coerced into
     * another: {@code "eventTypes":[1]} is not read as {@code ["1"]}, {@code 1.5} is not an int,
     * {@code "10"} is not a number and {@code "true"} is not a boolean.
     */
    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = Json.newMapper()
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** The body as a JSON tree; 415 unless the content type is JSON, 400 unless it parses. */
    public static JsonNode jsonTree(Context ctx) {
        requireJson(ctx);
        return parse(ctx.bodyAsBytes());
    }

    /**
     * A JSON document as a tree; 400 when it is empty, not well-formed UTF-8 (overlong forms such as
     * {@code C0 AF} for {@code /} included, which the JSON parser alone would let through), not JSON,
     * has a key twice or anything but whitespace after its one value; 422 naming the field when a
     * value cannot be kept as sent ({@link StorableValues}).
     */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ProblemException.badRequest("the request body is empty; a JSON document is expected");
        }
        requireUtf8(body);
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (MismatchedInputException e) {
            // The one mismatch a tree can have: a second value after the first.
            throw ProblemException.badRequest("the body must be exactly one JSON value; something follows it");
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest("the body could not be read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw ProblemException.badRequest("the request body is empty; a JSON document is expected");
        }
        List<Problem.FieldError> errors = StorableValues.check(tree, body);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return tree;
    }

    private static void requireUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("the body is not well-formed UTF-8");
        }
    }

    /** Binds a JSON object to {@code type}; a field of the wrong type or out of its range answers 422 naming it. */
    public static <T> T bind(JsonNode tree, Class<T> type) {
        if (!tree.isObject()) {
            throw ProblemException.badRequest("a JSON object is expected, not " + tree.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        try {
            return STRICT.treeToValue(tree, type);
        } catch (MismatchedInputException e) {
            throw ProblemException.validation(List.of(new Problem.FieldError(field(e), "has the wrong type")));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof InputCoercionException coercion) {
                throw ProblemException.validation(List.of(new Problem.FieldError(field(e), "is out of range for a "
                        + (coercion.getTargetType() == Long.TYPE || coercion.getTargetType() == Long.class ? "64-bit" : "32-bit") + " integer")));
            }
            throw ProblemException.badRequest("the body does not fit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body does not fit: " + e.getOriginalMessage());
        }
    }

    private static String field(JsonMappingException e) {
        return StorableValues.path(e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]").toList());
    }

    public static void requireJson(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw ProblemException.unsupportedMediaType("send the body as application/json, not "
                    + (contentType == null ? "no content type" : contentType));
        }
    }
}
