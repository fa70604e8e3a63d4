package dev.hooklane.contracts.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.url.WebhookUrl;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A domain event as the platform carries it: a CloudEvents 1.0 event with JSON data and the
 * platform's extension attributes ({@code tenant}, optional {@code callbackurl}).
 *
 * @param id unique per source; producers' retries keep it, so it identifies duplicates
 * @param source URI reference of the producing context
 * @param type event type, e.g. {@code reportCreated}; see {@link EventTypes}
 * @param time when it happened
 * @param subject what it is about, also the partition key when present
 * @param tenant the account the event belongs to
 * @param data the JSON payload
 * @param callbackUrl a URL carried by the event itself (one delivery, no subscription needed)
 */
public record EventEnvelope(
        String id,
        URI source,
        String type,
        Instant time,
        Optional<String> subject,
        String tenant,
        JsonNode data,
        Optional<WebhookUrl> callbackUrl) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
    }

    /** The Kafka record key: events of one subject stay in order; without a subject, per tenant. */
    public String partitionKey() {
        return subject.map(s -> tenant + "/" + s).orElse(tenant);
    }
}
