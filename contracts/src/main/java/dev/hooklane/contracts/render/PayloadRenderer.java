package dev.hooklane.contracts.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.subscription.PayloadFormat;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/**
 * Renders an event's request body in each payload format, once per format per event however many
 * subscriptions share the format.
 */
public final class PayloadRenderer {

    private static final JsonFormat CLOUDEVENTS = new JsonFormat();

    private final EventEnvelope event;
    private final Map<PayloadFormat, byte[]> rendered = new EnumMap<>(PayloadFormat.class);

    public PayloadRenderer(EventEnvelope event) {
        this.event = event;
    }

    /** The body in {@code format} as UTF-8 JSON, rendered on first use; shared by every caller, so read-only. */
    public byte[] body(PayloadFormat format) {
        return rendered.computeIfAbsent(format, this::render);
    }

    private byte[] render(PayloadFormat format) {
        return switch (format) {
            case STANDARD -> {
                ObjectNode body = Json.mapper().createObjectNode();
                body.put("type", event.type());
                body.put("timestamp", event.time().toString());
                body.set("data", event.data());
                yield write(body);
            }
            case EVENT_PAYLOAD -> {
                ObjectNode body = Json.mapper().createObjectNode();
                body.put("event", event.type());
                body.set("payload", event.data());
                yield write(body);
            }
            case DATA -> write(event.data());
            case CLOUDEVENTS -> CLOUDEVENTS.serialize(outgoingCloudEvent());
        };
    }

    /** The event as subscribers see it: the platform's own extensions (tenant, callback URL) stay inside. */
    private io.cloudevents.CloudEvent outgoingCloudEvent() {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(event.source())
                .withType(event.type())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(JsonCloudEventData.wrap(event.data()));
        event.subject().ifPresent(builder::withSubject);
        return builder.build();
    }

    private static byte[] write(Object tree) {
        try {
            return Json.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's data could not be written as JSON", e);
        }
    }
}
