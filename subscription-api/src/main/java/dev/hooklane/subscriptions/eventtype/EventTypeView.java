package dev.hooklane.subscriptions.eventtype;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.eventtype.EventType;
import java.time.Instant;
import java.util.List;

/**
 * An event type as the API shows it.
 *
 * @param scope {@code platform} for catalog types every tenant sees, {@code tenant} for the caller's own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventTypeView(String name, String description, JsonNode schema, List<JsonNode> examples, String scope, boolean archived,
                            Instant archivedAt, Instant createdAt, Instant updatedAt) {

    public static EventTypeView of(EventType type) {
        return new EventTypeView(type.name(), type.description().orElse(null), type.schema().orElse(null), type.examples(),
                type.tenant().isPresent() ? "tenant" : "platform", type.archived(), type.archivedAt().orElse(null), type.createdAt(),
                type.updatedAt());
    }
}
