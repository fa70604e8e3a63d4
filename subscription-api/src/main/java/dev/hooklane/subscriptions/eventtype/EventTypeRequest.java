package dev.hooklane.subscriptions.eventtype;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.eventtype.EventType;
import java.util.List;

/**
 * The body of {@code POST /v1/event-types}, an entry of a catalog file, and the document a
 * {@code PATCH} merges into.
 *
 * @param name the event type, e.g. {@code reportCreated}
 * @param description what the event means
 * @param schema an optional JSON Schema (2020-12) of the event data; only local {@code $ref}s
 * @param examples example data payloads, checked against the schema
 * @param archived true archives the type, false brings it back (PATCH only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventTypeRequest(String name, String description, JsonNode schema, List<JsonNode> examples, Boolean archived) {

    /** The editable fields of a stored type. */
    static EventTypeRequest editable(EventType type) {
        return new EventTypeRequest(type.name(), type.description().orElse(null), type.schema().orElse(null), type.examples(),
                type.archived());
    }
}
