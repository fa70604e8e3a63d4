package dev.hooklane.delivery.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.event.PlatformEvents;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.delivery.write.Handoff;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes the worker's part of the platform's own events ({@link PlatformEvents}) to the
 * tenant's event stream: jobs that used up their retries.
 */
public final class OperationalEvents {

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
        if (PlatformEvents.ALL.contains(job.eventType())) {
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
        return publish(new EventEnvelope("exhausted-" + job.jobId() + "-" + at.toEpochMilli(), SOURCE, PlatformEvents.EXHAUSTED, at,
                Optional.of(job.key()), job.tenant(), data, Optional.empty()));
    }

    private CompletableFuture<Void> publish(EventEnvelope event) {
        return handoff.retrying("the events topic", () -> publisher.publish(event)).thenApply(m -> null);
    }
}
