package dev.hooklane.subscriptions.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.eventtype.EventType;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.service.kafka.CompactedTopicView.Versioned;
import dev.hooklane.subscriptions.SubscriptionApiMetrics;
import dev.hooklane.subscriptions.request.KnownFields;
import dev.hooklane.subscriptions.request.MergePatch;
import dev.hooklane.subscriptions.table.VersionedTable;
import dev.hooklane.subscriptions.table.Write;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event types on the compacted event-types topic. A tenant sees the platform catalog and its
 * own types (its own win when names clash); it changes only its own. The admin key manages the
 * platform catalog. {@code owner} is the tenant, or empty for the platform.
 */
public final class EventTypeRegistry {

    private static final Logger log = LoggerFactory.getLogger(EventTypeRegistry.class);

    private final VersionedTable<EventType> table;
    private final EventTypeValidator validator;
    private final SubscriptionApiMetrics metrics;
    private final Clock clock;

    public EventTypeRegistry(VersionedTable<EventType> table, EventTypeValidator validator, SubscriptionApiMetrics metrics, Clock clock) {
        this.table = table;
        this.validator = validator;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The type called {@code name} as {@code viewer} sees it: its own, else the platform's. */
    public Optional<EventType> visible(Optional<String> viewer, String name) {
        return viewer.flatMap(tenant -> table.get(EventType.key(Optional.of(tenant), name)))
                .or(() -> table.get(EventType.key(Optional.empty(), name)));
    }

    /** The visible, not archived type; 404 otherwise. */
    public EventType active(Optional<String> viewer, String name) {
        return visible(viewer, name).filter(type -> !type.archived())
                .orElseThrow(() -> ProblemException.notFound("no event type " + name));
    }

    /** Every type {@code viewer} sees, by name. */
    public List<EventType> visibleTo(Optional<String> viewer, boolean includeArchived) {
        Map<String, EventType> byName = new LinkedHashMap<>();
        table.values().stream().filter(type -> type.tenant().isEmpty()).forEach(type -> byName.put(type.name(), type));
        viewer.ifPresent(tenant -> table.values().stream().filter(type -> type.tenant().equals(viewer))
                .forEach(type -> byName.put(type.name(), type)));
        return byName.values().stream().filter(type -> includeArchived || !type.archived())
                .sorted(Comparator.comparing(EventType::name)).toList();
    }

    public EventType register(Optional<String> owner, EventTypeRequest request) {
        if (request.archived() != null) {
            throw ProblemException.badRequest("archived is set by archiving a type, not at registration");
        }
        EventType type = validator.toEventType(request, owner, Optional.empty(), clock.instant());
        table.create(type.key(), type,
                () -> ProblemException.conflict("event type " + type.name() + " exists; change it with PATCH /v1/event-types/" + type.name()));
        metrics.changed("event_type", "create");
        log.info("Registered event type {} for {}", type.name(), owner.orElse("the platform"));
        return type;
    }

    /** Merges a JSON merge patch into the current version of the owner's type; the name cannot change. */
    public EventType patch(Optional<String> owner, String name, JsonNode patch) {
        owned(owner, name);
        if (!patch.isObject()) {
            throw ProblemException.badRequest("a merge patch is a JSON object");
        }
        KnownFields.require(patch, KnownFields.of(EventTypeRequest.class));
        if (patch.has("name") && !name.equals(patch.get("name").asText())) {
            throw ProblemException.badRequest("an event type cannot be renamed; register the new name and archive this one");
        }
        EventType updated = change(owner, name, current -> {
            JsonNode merged = MergePatch.apply(Json.mapper().valueToTree(EventTypeRequest.editable(current)), patch);
            return validator.toEventType(RequestBodies.bind(merged, EventTypeRequest.class), owner, Optional.of(current), clock.instant());
        });
        metrics.changed("event_type", "update");
        return updated;
    }

    public EventType archive(Optional<String> owner, String name) {
        if (owned(owner, name).archived()) {
            return owned(owner, name);
        }
        EventType archived = change(owner, name, current -> current.archived() ? current : current.archive(clock.instant()));
        metrics.changed("event_type", "archive");
        log.info("Archived event type {} of {}", name, owner.orElse("the platform"));
        return archived;
    }

    /** Writes what {@code edit} makes of the current version of the owner's type. */
    private EventType change(Optional<String> owner, String name, UnaryOperator<EventType> edit) {
        return table.change(EventType.key(owner, name), current -> Write.put(edit.apply(
                current.map(Versioned::value).orElseThrow(() -> ProblemException.notFound("no event type " + name))))).orElseThrow().value();
    }

    /** Registers each catalog type the platform does not have yet; changes made through the API since stay. */
    public int loadCatalog(List<EventTypeRequest> catalog) {
        int added = 0;
        for (EventTypeRequest entry : catalog) {
            if (table.get(EventType.key(Optional.empty(), entry.name())).isEmpty()) {
                EventType type = validator.toEventType(entry, Optional.empty(), Optional.empty(), clock.instant());
                table.put(type.key(), type);
                added++;
            }
        }
        log.info("Event type catalog: {} types declared, {} added", catalog.size(), added);
        return added;
    }

    /** The type the owner may change: 404 when nobody it can see has it, 403 for a platform type seen by a tenant. */
    private EventType owned(Optional<String> owner, String name) {
        Optional<EventType> own = table.get(EventType.key(owner, name));
        if (own.isPresent()) {
            return own.get();
        }
        if (owner.isPresent() && table.get(EventType.key(Optional.empty(), name)).isPresent()) {
            throw ProblemException.forbidden("event type " + name + " belongs to the platform catalog; only the admin key changes it");
        }
        throw ProblemException.notFound("no event type " + name);
    }
}
