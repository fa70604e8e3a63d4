package dev.hooklane.delivery.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.delivery.write.Handoff;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes the platform's own events to the tenant's event stream, so customers can subscribe to
 * failures like to any other event type. They carry ids and reasons, never a payload or a URL.
 */
public final class OperationalEvents {

    /** A job that used up its retries and went to the dead-letter topic. */
    public static final String EXHAUSTED = "webhook.delivery.exhausted";
    /** A subscription the platform disabled (410 Gone, or failing for too long). */
    public static final String DISABLED = "webhook.subscription.disabled";
    private static final Set<String> OWN = Set.of(EXHAUSTED, DISABLED);
    private static final URI SOURCE = URI.create("/hooklane/delivery-worker");

    private final EventPublisher publisher;
    private final Handoff handoff;

    public OperationalEvents(EventPublisher publisher, Handoff handoff) {
        this.publisher = publisher;
        this.handoff = handoff;
    }

    /**
     * Tells the tenant that a job was dead-lettered after its last attempt. Not for the platform's
     * own events, so a failing endpoint subscribed to them cannot feed itself.
     */
    public CompletableFuture<Void> exhausted(DeliveryJob job, String reason, Optional<Integer> lastStatus, Instant at) {
        if (OWN.contains(job.eventType())) {
            return CompletableFuture.completedFuture(null);
        }
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("jobId", job.jobId());
        data.put("eventId", job.eventId());
        data.put("eventType", job.eventType());
        job.subscriptionId().ifPresent(id -> data.put("subscriptionId", id));
        data.put("attempts", job.attempt());
        data.put("reason", reason);
        lastStatus.ifPresent(status -> data.put("lastStatusCode", status));
        return publish(new EventEnvelope("exhausted-" + job.jobId() + "-" + at.toEpochMilli(), SOURCE, EXHAUSTED, at,
                Optional.of(job.key()), job.tenant(), data, Optional.empty()));
    }

    /** Tells the tenant that one of its subscriptions was disabled and why. */
    public CompletableFuture<Void> disabled(Subscription subscription, String reason) {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("subscriptionId", subscription.id());
        subscription.name().ifPresent(name -> data.put("name", name));
        data.put("reason", reason);
        data.put("disabledAt", subscription.updatedAt().toString());
        return publish(new EventEnvelope("disabled-" + subscription.id() + "-" + subscription.updatedAt().toEpochMilli(), SOURCE, DISABLED,
                subscription.updatedAt(), Optional.of(subscription.id()), subscription.tenant(), data, Optional.empty()));
    }

    private CompletableFuture<Void> publish(EventEnvelope event) {
        return handoff.retrying("the events topic", () -> publisher.publish(event)).thenApply(m -> null);
    }
}
