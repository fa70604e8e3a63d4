package dev.hooklane.subscriptions.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.json.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7396): an object patch sets each of its members on the target, a null
 * member removes it, and any other patch replaces the target whole.
 */
public final class MergePatch {

    /** The media type of merge patches; plain {@code application/json} is read the same way. */
    public static final String CONTENT_TYPE = "application/merge-patch+json";

    private MergePatch() {
    }

    /** The patched document; {@code target} is not changed. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.mapper().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
