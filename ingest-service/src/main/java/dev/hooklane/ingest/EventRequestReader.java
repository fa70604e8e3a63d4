package dev.hooklane.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.service.http.Problem;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a whole request into the events it carries, or refuses it whole: nothing of a refused
 * request is written. Accepted forms:
 * <ul>
 *   <li>{@code application/json}: one event or an array of events (platform shape, seed 000's shape or structured CloudEvents);</li>
 *   <li>{@code application/cloudevents+json}: one structured CloudEvent;</li>
 *   <li>{@code application/cloudevents-batch+json}: an array of structured CloudEvents;</li>
 *   <li>binary mode: {@code ce-} headers with the data as the body.</li>
 * </ul>
 * The {@code Idempotency-Key} header gives the id of an event that names none; in a batch, event
 * {@code i} without an id gets {@code <key>-<i>}.
 */
public final class EventRequestReader {

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final EventParser parser;
    private final IngestConfig config;

    public EventRequestReader(EventParser parser, IngestConfig config) {
        this.parser = parser;
        this.config = config;
    }

    /**
     * The events of one request.
     *
     * @param batch whether the request was a batch (answered with a list of ids)
     */
    public record Events(List<EventEnvelope> events, boolean batch) {
    }

    /** @throws ProblemException 400, 413, 415 or 422; the request is then refused whole */
    public Events read(EventRequest request, String tenant) {
        if (request.body().length > config.maxBatchBytes()) {
            throw tooLarge("a request body may have at most " + config.maxBatchBytes() + " bytes, not " + request.body().length);
        }
        Optional<String> key = idempotencyKey(request);
        if (request.isBinaryCloudEvent()) {
            checkEventSize(request.body().length, "body");
            if (request.body().length > 0 && isJson(request.mediaType())) {
                // Read strictly once, so that data the codec reads later is exactly one value that can be kept as sent.
                RequestBodies.parse(request.body());
            }
            Optional<String> declaredId = request.header("ce-id");
            if (key.isPresent() && declaredId.isPresent() && !key.equals(declaredId)) {
                throw ProblemException.validation(List.of(new FieldError(EventRequest.IDEMPOTENCY_KEY, "must equal ce-id when both are given")));
            }
            return new Events(List.of(parsed(parser.parseBinary(request.headers(), request.body(), tenant, key))), false);
        }
        String mediaType = request.mediaType();
        if (!isJson(mediaType)) {
            throw ProblemException.unsupportedMediaType(
                    "send application/json, " + STRUCTURED + ", " + BATCH + " or a binary-mode CloudEvent (ce- headers), not "
                            + request.contentType().orElse("no content type"));
        }
        JsonNode body = RequestBodies.parse(request.body());
        if (mediaType.equals(BATCH) && !body.isArray()) {
            throw ProblemException.badRequest(BATCH + " is a JSON array of structured CloudEvents");
        }
        if (mediaType.equals(STRUCTURED) && !body.isObject()) {
            throw ProblemException.badRequest(STRUCTURED + " is one structured CloudEvent, a JSON object");
        }
        return body.isArray() ? new Events(batch(body, tenant, key, mediaType.equals(BATCH)), true)
                : new Events(List.of(single(body, tenant, key, mediaType.equals(STRUCTURED))), false);
    }

    /** {@code application/json} or any {@code application/...+json}, the cloudevents types among them. */
    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private EventEnvelope single(JsonNode node, String tenant, Optional<String> key, boolean cloudEvent) {
        checkEventSize(node, "body");
        List<FieldError> errors = new ArrayList<>();
        if (cloudEvent && !node.has("specversion")) {
            errors.add(new FieldError("specversion", "is required in a structured CloudEvent"));
        }
        if (key.isPresent() && node.hasNonNull("id") && !key.get().equals(node.get("id").asText())) {
            errors.add(new FieldError(EventRequest.IDEMPOTENCY_KEY, "must equal the event's id when both are given"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return parsed(parser.parse(node, tenant, "", key));
    }

    private List<EventEnvelope> batch(JsonNode array, String tenant, Optional<String> key, boolean cloudEvents) {
        if (array.isEmpty() || array.size() > config.maxBatchEvents()) {
            throw tooLarge("a batch holds 1 to " + config.maxBatchEvents() + " events, not " + array.size());
        }
        List<EventEnvelope> events = new ArrayList<>(array.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String path = "[" + i + "]";
            if (size(node) > config.maxEventBytes()) {
                errors.add(new FieldError(path, "an event may have at most " + config.maxEventBytes() + " bytes"));
            } else if (cloudEvents && !node.has("specversion")) {
                errors.add(new FieldError(path + ".specversion", "is required in a structured CloudEvent"));
            } else {
                int index = i;
                switch (parser.parse(node, tenant, path + ".", key.map(k -> k + "-" + index))) {
                    case EventParser.Result.Parsed parsed -> events.add(parsed.event());
                    case EventParser.Result.Refused refused -> errors.addAll(refused.errors());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return events;
    }

    private static EventEnvelope parsed(EventParser.Result result) {
        return switch (result) {
            case EventParser.Result.Parsed parsed -> parsed.event();
            case EventParser.Result.Refused refused -> throw ProblemException.validation(refused.errors());
        };
    }

    private static Optional<String> idempotencyKey(EventRequest request) {
        Optional<String> key = request.header(EventRequest.IDEMPOTENCY_KEY);
        if (key.isPresent() && !KEY.matcher(key.get()).matches()) {
            throw ProblemException.validation(List.of(new FieldError(EventRequest.IDEMPOTENCY_KEY,
                    "must have 1 to 200 visible ASCII characters")));
        }
        return key;
    }

    private void checkEventSize(JsonNode node, String field) {
        checkEventSize(size(node), field);
    }

    private void checkEventSize(long bytes, String field) {
        if (bytes > config.maxEventBytes()) {
            throw ProblemException.validation(List.of(new FieldError(field, "an event may have at most " + config.maxEventBytes() + " bytes")));
        }
    }

    private static long size(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(413, "batch-too-large", "Content too large", detail));
    }
}
