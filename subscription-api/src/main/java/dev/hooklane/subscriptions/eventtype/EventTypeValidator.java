package dev.hooklane.subscriptions.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.hooklane.contracts.event.EventTypes;
import dev.hooklane.contracts.eventtype.EventType;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an event type request: its name, sizes, a schema that compiles and refers to nothing
 * outside itself (no fetching of remote documents), and examples that the schema accepts.
 */
public final class EventTypeValidator {

    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_EXAMPLES = 20;
    static final int MAX_EXAMPLE_BYTES = 64 * 1024;
    static final int MAX_SCHEMA_BYTES = 64 * 1024;
    private static final int MAX_REPORTED_SCHEMA_ERRORS = 5;
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** A new or changed event type; {@code current} keeps its creation time. */
    public EventType toEventType(EventTypeRequest request, Optional<String> tenant, Optional<EventType> current, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (request.name() == null || !EventTypes.isValid(request.name())) {
            errors.add(new FieldError("name", request.name() == null ? "is required" : EventTypes.rule()));
        }
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "at most " + MAX_DESCRIPTION + " characters"));
        }
        Optional<Schema> schema = checkSchema(request.schema(), errors);
        List<JsonNode> examples = request.examples() == null ? List.of() : request.examples();
        if (examples.size() > MAX_EXAMPLES) {
            errors.add(new FieldError("examples", "at most " + MAX_EXAMPLES + " examples"));
        }
        for (int i = 0; i < examples.size(); i++) {
            JsonNode example = examples.get(i);
            if (example == null || example.toString().getBytes(StandardCharsets.UTF_8).length > MAX_EXAMPLE_BYTES) {
                errors.add(new FieldError("examples[" + i + "]", "an example is JSON of at most " + MAX_EXAMPLE_BYTES + " bytes"));
            } else if (schema.isPresent()) {
                String field = "examples[" + i + "]";
                List<Error> failures = schema.get().validate(example);
                failures.stream().limit(MAX_REPORTED_SCHEMA_ERRORS)
                        .forEach(failure -> errors.add(new FieldError(field, "does not match the schema: " + failure.getMessage())));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Optional<Instant> archivedAt = Boolean.TRUE.equals(request.archived())
                ? current.flatMap(EventType::archivedAt).or(() -> Optional.of(now)) : Optional.empty();
        return new EventType(request.name(), tenant, Optional.ofNullable(request.description()), Optional.ofNullable(request.schema()),
                examples, archivedAt, current.map(EventType::createdAt).orElse(now), now);
    }

    private static Optional<Schema> checkSchema(JsonNode schema, List<FieldError> errors) {
        if (schema == null || schema.isNull()) {
            return Optional.empty();
        }
        if (!schema.isObject() && !schema.isBoolean()) {
            errors.add(new FieldError("schema", "a JSON Schema is an object or a boolean"));
            return Optional.empty();
        }
        if (schema.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SCHEMA_BYTES) {
            errors.add(new FieldError("schema", "at most " + MAX_SCHEMA_BYTES + " bytes"));
            return Optional.empty();
        }
        Optional<String> outside = outsideReference(schema);
        if (outside.isPresent()) {
            errors.add(new FieldError("schema", "may refer only to itself ('#...'), not to " + outside.get()));
            return Optional.empty();
        }
        try {
            Schema compiled = SCHEMAS.getSchema(schema);
            compiled.initializeValidators();
            return Optional.of(compiled);
        } catch (SchemaException | IllegalArgumentException e) {
            errors.add(new FieldError("schema", "is not a valid JSON Schema: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** The first reference to another document, if any: those would be fetched, so they are refused. */
    private static Optional<String> outsideReference(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                boolean reference = field.getKey().equals("$ref") || field.getKey().equals("$dynamicRef");
                if (reference && field.getValue().isTextual() && !field.getValue().asText().startsWith("#")) {
                    return Optional.of(field.getValue().asText());
                }
                // The standard dialects ship with the validator; any other meta-schema would be fetched.
                if (field.getKey().equals("$schema") && field.getValue().isTextual()
                        && !field.getValue().asText().matches("https?://json-schema\\.org/.*")) {
                    return Optional.of(field.getValue().asText());
                }
                Optional<String> nested = outsideReference(field.getValue());
                if (nested.isPresent()) {
                    return nested;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                Optional<String> nested = outsideReference(element);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }
}
