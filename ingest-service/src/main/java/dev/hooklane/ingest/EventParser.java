package dev.hooklane.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.event.EventCodec;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventTypes;
import dev.hooklane.contracts.url.InvalidWebhookUrlException;
import dev.hooklane.contracts.url.WebhookUrl;
import dev.hooklane.contracts.event.InvalidEventException;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.text.PlainText;
import dev.hooklane.service.http.Problem.FieldError;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one posted JSON event into an envelope for the caller's tenant. Two shapes are read:
 * <ul>
 *   <li>the platform's: {@code {"type", "data", "id"?, "source"?, "subject"?, "time"?, "callbackUrl"?}};</li>
 *   <li>seed 000's: {@code {"event": <type>, "payload": <data>}};</li>
 * </ul>
 * and structured CloudEvents (any JSON object with {@code specversion}, which must be {@code 1.0}), and
 * binary-mode CloudEvents of the HTTP binding. Ids, types, sources and subjects hold no control
 * characters or unpaired surrogates. Every broken rule is reported with the field it concerns.
 */
public final class EventParser {

    private static final Set<String> OWN_FIELDS = Set.of("id", "type", "source", "subject", "time", "data", "callbackUrl");
    private static final int MAX_ID_LENGTH = 256;
    /** The one CloudEvents version read; the SDK would also read 0.3 and turn it into a 1.0 event the sender did not write. */
    private static final String SPEC_VERSION = "1.0";
    private static final String SPEC_VERSION_RULE = "must be \"1.0\", the CloudEvents version this service reads";

    private final Clock clock;

    public EventParser(Clock clock) {
        this.clock = clock;
    }

    /** An event, or the field errors that keep it from being one. */
    public sealed interface Result {
        record Parsed(EventEnvelope event) implements Result {
        }

        record Refused(List<FieldError> errors) implements Result {
        }
    }

    /**
     * @param prefix the field path prefix for errors, e.g. {@code [3].} inside a batch
     */
    public Result parse(JsonNode node, String tenant, String prefix) {
        return parse(node, tenant, prefix, Optional.empty());
    }

    /**
     * @param prefix the field path prefix for errors, e.g. {@code [3].} inside a batch
     * @param idIfAbsent the id of an event that names none (from {@code Idempotency-Key}); a new UUID when empty
     */
    public Result parse(JsonNode node, String tenant, String prefix, Optional<String> idIfAbsent) {
        if (!node.isObject()) {
            return new Result.Refused(List.of(new FieldError(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "an event is a JSON object")));
        }
        if (node.has("specversion")) {
            return parseCloudEvent((ObjectNode) node, tenant, prefix, idIfAbsent);
        }
        if (node.has("event") && node.has("payload") && !node.has("type")) {
            return parseOwn(node.get("event"), node.get("payload"), Json.mapper().createObjectNode(), tenant, prefix, idIfAbsent);
        }
        List<FieldError> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!OWN_FIELDS.contains(name)) {
                unknown.add(new FieldError(prefix + name, "is not a field of an event (" + String.join(", ", OWN_FIELDS.stream().sorted().toList()) + ")"));
            }
        }
        if (!unknown.isEmpty()) {
            return new Result.Refused(unknown);
        }
        return parseOwn(node.get("type"), node.get("data"), node, tenant, prefix, idIfAbsent);
    }

    /**
     * Reads a binary-mode CloudEvent of the HTTP binding: attributes in {@code ce-} headers, the data
     * in the body, its media type in {@code Content-Type}.
     */
    public Result parseBinary(Map<String, String> headers, byte[] body, String tenant, Optional<String> idIfAbsent) {
        Optional<String> version = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("ce-specversion"))
                .map(Map.Entry::getValue).findFirst();
        if (version.isPresent() && !SPEC_VERSION.equals(version.get().strip())) {
            return new Result.Refused(List.of(new FieldError("ce-specversion", SPEC_VERSION_RULE)));
        }
        Map<String, String> attributes = headers;
        if (idIfAbsent.isPresent() && headers.keySet().stream().noneMatch("ce-id"::equalsIgnoreCase)) {
            attributes = new HashMap<>(headers);
            attributes.put("ce-id", idIfAbsent.get());
        }
        CloudEvent read;
        try {
            read = HttpMessageFactory.createReader(attributes, body).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            return new Result.Refused(List.of(new FieldError("ce-*", "not a binary-mode CloudEvent: " + e.getMessage())));
        }
        Object declared = read.getExtension(EventCodec.TENANT);
        if (declared != null && !tenant.equals(declared.toString())) {
            return new Result.Refused(List.of(new FieldError("ce-" + EventCodec.TENANT, "must be the tenant of the API key, or absent")));
        }
        CloudEventBuilder builder = CloudEventBuilder.v1(read).withExtension(EventCodec.TENANT, tenant);
        if (read.getTime() == null) {
            builder.withTime(clock.instant().atOffset(ZoneOffset.UTC));
        }
        try {
            return printable(EventCodec.fromCloudEvent(builder.build(), Optional.empty()), "ce-");
        } catch (InvalidEventException | IllegalStateException e) {
            return new Result.Refused(List.of(new FieldError("body", e.getMessage())));
        }
    }

    private Result parseOwn(JsonNode typeNode, JsonNode data, JsonNode node, String tenant, String prefix, Optional<String> idIfAbsent) {
        List<FieldError> errors = new ArrayList<>();
        String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
        if (type == null) {
            errors.add(new FieldError(prefix + "type", "is required and must be a string"));
        } else if (!EventTypes.isValid(type)) {
            errors.add(new FieldError(prefix + "type", EventTypes.rule()));
        }
        if (data == null || data.isMissingNode()) {
            errors.add(new FieldError(prefix + "data", "is required (any JSON value)"));
        }
        String id = text(node, "id", prefix, errors).or(() -> idIfAbsent).orElseGet(() -> UUID.randomUUID().toString());
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            errors.add(new FieldError(prefix + "id", "must have 1 to " + MAX_ID_LENGTH + " characters"));
        }
        URI source = text(node, "source", prefix, errors).map(s -> uri(s, prefix + "source", errors)).orElse(URI.create("/" + tenant));
        Optional<String> subject = text(node, "subject", prefix, errors);
        Instant time = text(node, "time", prefix, errors).map(t -> instant(t, prefix + "time", errors)).orElseGet(clock::instant);
        Optional<WebhookUrl> callback = text(node, "callbackUrl", prefix, errors).flatMap(u -> webhookUrl(u, prefix + "callbackUrl", errors));
        if (!errors.isEmpty()) {
            return new Result.Refused(errors);
        }
        return printable(new EventEnvelope(id, source, type, time, subject, tenant, data, callback), prefix);
    }

    private Result parseCloudEvent(ObjectNode node, String tenant, String prefix, Optional<String> idIfAbsent) {
        JsonNode version = node.get("specversion");
        if (!version.isTextual() || !SPEC_VERSION.equals(version.textValue())) {
            return new Result.Refused(List.of(new FieldError(prefix + "specversion", SPEC_VERSION_RULE)));
        }
        JsonNode declared = node.get(EventCodec.TENANT);
        if (declared != null && !tenant.equals(declared.asText())) {
            return new Result.Refused(List.of(new FieldError(prefix + EventCodec.TENANT, "must be the tenant of the API key, or absent")));
        }
        ObjectNode withTenant = node.deepCopy();
        withTenant.put(EventCodec.TENANT, tenant);
        if (!withTenant.hasNonNull("id") && idIfAbsent.isPresent()) {
            withTenant.put("id", idIfAbsent.get());
        }
        if (!withTenant.has("time")) {
            withTenant.put("time", clock.instant().toString());
        }
        try {
            return printable(EventCodec.fromStructuredJson(Json.mapper().writeValueAsBytes(withTenant)), prefix);
        } catch (InvalidEventException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Result.Refused(List.of(new FieldError(prefix.isEmpty() ? "body" : prefix + "event", e.getMessage())));
        }
    }

    /**
     * The event, unless a text attribute holds a control character or an unpaired surrogate: such an
     * id would be stored as another one (a surrogate becomes {@code ?}) or forge lines wherever it is
     * shown.
     *
     * @param prefix the field path prefix for errors: {@code [3].} in a batch, {@code ce-} for headers
     */
    private static Result printable(EventEnvelope event, String prefix) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("id", event.id());
        attributes.put("type", event.type());
        attributes.put("source", event.source().toString());
        event.subject().ifPresent(subject -> attributes.put("subject", subject));
        List<FieldError> errors = attributes.entrySet().stream().filter(attribute -> !PlainText.isPrintable(attribute.getValue()))
                .map(attribute -> new FieldError(prefix + attribute.getKey(), PlainText.printableRule())).toList();
        return errors.isEmpty() ? new Result.Parsed(event) : new Result.Refused(errors);
    }

    private static Optional<String> text(JsonNode node, String field, String prefix, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(prefix + field, "must be a string"));
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    private static Optional<WebhookUrl> webhookUrl(String text, String field, List<FieldError> errors) {
        try {
            return Optional.of(WebhookUrl.parse(text));
        } catch (InvalidWebhookUrlException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return Optional.empty();
        }
    }

    private static URI uri(String text, String field, List<FieldError> errors) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            errors.add(new FieldError(field, "is not a valid URI: " + e.getReason()));
            return URI.create("/");
        }
    }

    private static Instant instant(String text, String field, List<FieldError> errors) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an RFC 3339 timestamp, e.g. 2026-11-23T10:00:00Z"));
            return Instant.EPOCH;
        }
    }
}
