package dev.hooklane.contracts.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.url.InvalidWebhookUrlException;
import dev.hooklane.contracts.url.WebhookUrl;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * Reads and writes {@link EventEnvelope}s as CloudEvents 1.0 through the CloudEvents SDK:
 * structured JSON mode ({@code application/cloudevents+json}) and Kafka binary mode ({@code ce_}
 * headers).
 */
public final class EventCodec {

    /** Extension attribute naming the tenant. */
    public static final String TENANT = "tenant";
    /** Extension attribute carrying a per-event callback URL. */
    public static final String CALLBACK_URL = "callbackurl";
    /** The structured-mode media type. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

    private static final JsonFormat FORMAT = new JsonFormat();
    private static final String JSON = "application/json";

    private EventCodec() {
    }

    /** Structured-mode JSON bytes of an envelope. */
    public static byte[] toStructuredJson(EventEnvelope envelope) {
        return FORMAT.serialize(toCloudEvent(envelope));
    }

    public static CloudEvent toCloudEvent(EventEnvelope envelope) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(envelope.id())
                .withSource(envelope.source())
                .withType(envelope.type())
                .withTime(envelope.time().atOffset(java.time.ZoneOffset.UTC))
                .withDataContentType(JSON)
                .withData(JsonCloudEventData.wrap(envelope.data()))
                .withExtension(TENANT, envelope.tenant());
        envelope.subject().ifPresent(builder::withSubject);
        envelope.callbackUrl().ifPresent(url -> builder.withExtension(CALLBACK_URL, url.uri()));
        return builder.build();
    }

    /** Reads a structured-mode JSON event. */
    public static EventEnvelope fromStructuredJson(byte[] json) throws InvalidEventException {
        try {
            return fromCloudEvent(FORMAT.deserialize(json), Optional.empty());
        } catch (EventDeserializationException | CloudEventRWException | IllegalStateException e) {
            throw new InvalidEventException("not a structured CloudEvent: " + rootMessage(e), e);
        }
    }

    /**
     * Reads an event from a Kafka record: binary mode when a {@code ce_specversion} header is
     * present, structured JSON otherwise.
     *
     * @param recordTime the record timestamp, used when the event has no {@code time}
     */
    public static EventEnvelope fromKafkaRecord(Headers headers, byte[] value, Instant recordTime) throws InvalidEventException {
        if (value == null) {
            throw new InvalidEventException("record has no value");
        }
        if (headers.lastHeader("ce_specversion") == null) {
            try {
                return fromCloudEvent(FORMAT.deserialize(value), Optional.of(recordTime));
            } catch (EventDeserializationException | CloudEventRWException | IllegalStateException e) {
                throw new InvalidEventException("not a structured CloudEvent: " + rootMessage(e), e);
            }
        }
        try {
            return fromCloudEvent(KafkaMessageFactory.createReader(headers, value).toEvent(), Optional.of(recordTime));
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new InvalidEventException("not a binary-mode CloudEvent: " + rootMessage(e), e);
        }
    }

    /**
     * Converts an SDK event, checking the platform's rules: a tenant, a valid type, JSON data.
     *
     * @param fallbackTime used when the event has no {@code time}
     */
    public static EventEnvelope fromCloudEvent(CloudEvent event, Optional<Instant> fallbackTime) throws InvalidEventException {
        if (event == null) {
            // The SDK reads the JSON document "null" as no event at all.
            throw new InvalidEventException("the record holds no CloudEvent (JSON null)");
        }
        String tenant = stringExtension(event, TENANT)
                .orElseThrow(() -> new InvalidEventException("the '" + TENANT + "' extension attribute is missing"));
        if (!EventTypes.isValid(event.getType())) {
            throw new InvalidEventException("invalid type '" + event.getType() + "': " + EventTypes.rule());
        }
        if (event.getId() == null || event.getId().isBlank()) {
            throw new InvalidEventException("the id attribute is blank");
        }
        Instant time = Optional.ofNullable(event.getTime()).map(OffsetDateTime::toInstant)
                .or(() -> fallbackTime)
                .orElseThrow(() -> new InvalidEventException("the time attribute is missing"));
        Optional<WebhookUrl> callback = callbackUrl(stringExtension(event, CALLBACK_URL));
        return new EventEnvelope(event.getId(), event.getSource(), event.getType(), time,
                Optional.ofNullable(event.getSubject()), tenant, jsonData(event), callback);
    }

    private static Optional<WebhookUrl> callbackUrl(Optional<String> text) throws InvalidEventException {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(WebhookUrl.parse(text.get()));
        } catch (InvalidWebhookUrlException e) {
            throw new InvalidEventException("the '" + CALLBACK_URL + "' attribute " + e.getMessage(), e);
        }
    }

    private static Optional<String> stringExtension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? Optional.empty() : Optional.of(value.toString()).filter(s -> !s.isBlank());
    }

    private static JsonNode jsonData(CloudEvent event) throws InvalidEventException {
        CloudEventData data = event.getData();
        if (data == null) {
            return NullNode.getInstance();
        }
        if (data instanceof JsonCloudEventData json) {
            return json.getNode();
        }
        String contentType = Optional.ofNullable(event.getDataContentType()).orElse(JSON);
        if (!contentType.contains("json")) {
            throw new InvalidEventException("data must be JSON, not " + contentType);
        }
        try {
            return Json.mapper().readTree(data.toBytes());
        } catch (IOException e) {
            throw new InvalidEventException("data is not valid JSON", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return Optional.ofNullable(cause.getMessage()).orElse(cause.getClass().getSimpleName());
    }
}
