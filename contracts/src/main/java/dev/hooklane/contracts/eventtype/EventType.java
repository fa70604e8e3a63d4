package dev.hooklane.contracts.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.event.EventTypes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered event type, as stored on the compacted event-types topic (key = {@link #key()}).
 * Types registered with a tenant's key belong to that tenant; types of the platform catalog
 * (the catalog file, or registered with the admin key) have no tenant and every tenant sees them.
 *
 * @param name the event type, e.g. {@code reportCreated}; see {@link EventTypes}
 * @param tenant the owning tenant; empty for a platform catalog type
 * @param description what the event means
 * @param schema an optional JSON Schema (2020-12) of the event data
 * @param examples example data payloads, as the {@code data} of an event of this type
 * @param archivedAt when it was archived; an archived type is listed only on request and is not
 *     offered for tests or samples
 * @param createdAt when it was registered
 * @param updatedAt when it last changed
 */
public record EventType(
        String name,
        Optional<String> tenant,
        Optional<String> description,
        Optional<JsonNode> schema,
        List<JsonNode> examples,
        Optional<Instant> archivedAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The owner segment of the key of platform catalog types. */
    public static final String PLATFORM = "*";

    public EventType {
        Objects.requireNonNull(name, "name");
        if (!EventTypes.isValid(name)) {
            throw new IllegalArgumentException(EventTypes.rule() + ": " + name);
        }
        tenant = tenant == null ? Optional.empty() : tenant;
        description = description == null ? Optional.empty() : description;
        schema = schema == null ? Optional.empty() : schema;
        examples = examples == null ? List.of() : List.copyOf(examples);
        archivedAt = archivedAt == null ? Optional.empty() : archivedAt;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The record key: owner (tenant id, or {@code *} for the platform) and name, separated by {@code /}. */
    public String key() {
        return key(tenant, name);
    }

    public static String key(Optional<String> tenant, String name) {
        return tenant.orElse(PLATFORM) + "/" + name;
    }

    public boolean archived() {
        return archivedAt.isPresent();
    }

    /** The same type, archived at {@code now}. */
    public EventType archive(Instant now) {
        return new EventType(name, tenant, description, schema, examples, Optional.of(now), createdAt, now);
    }
}
