package dev.hooklane.ingest;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the ingest service reads of a request: its media type, headers and body.
 *
 * @param contentType the {@code Content-Type} header, empty when absent
 * @param headers every header, names compared without case
 * @param body the raw body
 */
public record EventRequest(Optional<String> contentType, Map<String, String> headers, byte[] body) {

    /** The header that names the event id, so that a retried request is recognised as the same event. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    public EventRequest {
        Objects.requireNonNull(contentType, "contentType");
        TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(caseless);
        Objects.requireNonNull(body, "body");
    }

    public static EventRequest of(Context ctx) {
        return new EventRequest(Optional.ofNullable(ctx.contentType()), ctx.headerMap(), ctx.bodyAsBytes());
    }

    /** The media type without parameters, lower case, e.g. {@code application/cloudevents+json}. */
    public String mediaType() {
        return contentType.map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** True for a binary-mode CloudEvent: its attributes are {@code ce-} headers. */
    public boolean isBinaryCloudEvent() {
        return headers.containsKey("ce-specversion");
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
