package dev.hooklane.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
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
     * Duplicate keys are refused, and a number or boolean where text belongs is a wrong type, not
     * text: {@code "eventTypes":[1]} is refused rather than read as {@code ["1"]}.
     */
    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = Json.newMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
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
     * or has a key twice.
     */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ProblemException.badRequest("the request body is empty; a JSON document is expected");
        }
        requireUtf8(body);
        try {
            JsonNode tree = STRICT.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw ProblemException.badRequest("the request body is empty; a JSON document is expected");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    private static void requireUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("the body is not well-formed UTF-8");
        }
    }

    /** Binds a JSON object to {@code type}; a field of the wrong type answers 422 naming it. */
    public static <T> T bind(JsonNode tree, Class<T> type) {
        if (!tree.isObject()) {
            throw ProblemException.badRequest("a JSON object is expected, not " + tree.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        try {
            return STRICT.treeToValue(tree, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            throw ProblemException.validation(List.of(new Problem.FieldError(field, "has the wrong type")));
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body does not fit: " + e.getOriginalMessage());
        }
    }

    public static void requireJson(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json, not " + (contentType == null ? "no content type" : contentType)));
        }
    }
}
