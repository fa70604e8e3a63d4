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

/** Reads JSON request bodies with answers a client can act on. */
public final class RequestBodies {

    private static final ObjectMapper STRICT = Json.newMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RequestBodies() {
    }

    /** The body as a JSON tree; 415 unless the content type is JSON, 400 unless it parses. */
    public static JsonNode jsonTree(Context ctx) {
        requireJson(ctx);
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ProblemException.badRequest("the request body is empty; a JSON document is expected");
        }
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
