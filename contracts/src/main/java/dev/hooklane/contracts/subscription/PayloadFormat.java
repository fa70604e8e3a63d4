package dev.hooklane.contracts.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The shape of the body a subscriber receives. */
public enum PayloadFormat {
    /** {@code {"type": ..., "timestamp": ..., "data": ...}}, the Standard Webhooks shape. */
    STANDARD("standard"),
    /** {@code {"event": ..., "payload": ...}}: Keyclic's shape. */
    EVENT_PAYLOAD("event-payload"),
    /** The event data alone, e.g. Credas' flat {@code {ProcessId, ClientId, Status, ...}}. */
    DATA("data"),
    /** The whole CloudEvent in structured JSON mode. */
    CLOUDEVENTS("cloudevents");

    private final String wireName;

    PayloadFormat(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static PayloadFormat fromWireName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(format -> format.wireName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown payload format '" + name + "' (one of standard, event-payload, data, cloudevents)"));
    }

    /** The content type of bodies in this format. */
    public String contentType() {
        return this == CLOUDEVENTS ? "application/cloudevents+json" : "application/json";
    }
}
