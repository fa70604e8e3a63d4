package dev.hooklane.delivery.lifecycle;

import dev.hooklane.contracts.delivery.EndpointFailure;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.delivery.write.Handoff;
import dev.hooklane.service.kafka.CompactedTopicView;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows since when each subscription's endpoint has been failing without a success in between, on
 * the compacted endpoint-failures topic, so the answer survives restarts and is shared by all
 * workers. Only transitions are written: the first failure after a success, and the next success
 * (a tombstone).
 */
public final class FailureTracker {

    private static final JsonSerde<EndpointFailure> FAILURES = JsonSerde.of(EndpointFailure.class);
    // Our own writes win over the view until the view has surely caught up with them.
    private static final Duration TRUST_LOCAL = Duration.ofSeconds(30);

    private record Local(Optional<Instant> failingSince, Instant writtenAt) {
    }

    private final CompactedTopicView<EndpointFailure> view;
    private final TopicCatalog catalog;
    private final Handoff handoff;
    private final Map<String, Local> local = new ConcurrentHashMap<>();

    public FailureTracker(CompactedTopicView<EndpointFailure> view, TopicCatalog catalog, Handoff handoff) {
        this.view = view;
        this.catalog = catalog;
        this.handoff = handoff;
    }

    /** Records a failed attempt; completes with how long the endpoint has been failing. */
    public CompletableFuture<Duration> failed(String subscriptionId, String tenant, Instant at) {
        Optional<Instant> since = failingSince(subscriptionId, at);
        if (since.isPresent()) {
            return CompletableFuture.completedFuture(Duration.between(since.get(), at));
        }
        local.put(subscriptionId, new Local(Optional.of(at), at));
        EndpointFailure failure = new EndpointFailure(subscriptionId, tenant, at);
        return write(subscriptionId, FAILURES.toBytes(failure)).thenApply(done -> Duration.ZERO);
    }

    /** Records a success: the endpoint is no longer failing. */
    public CompletableFuture<Void> succeeded(String subscriptionId, Instant at) {
        if (failingSince(subscriptionId, at).isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        local.put(subscriptionId, new Local(Optional.empty(), at));
        return write(subscriptionId, null);
    }

    private Optional<Instant> failingSince(String subscriptionId, Instant now) {
        Local mine = local.get(subscriptionId);
        if (mine != null && mine.writtenAt().plus(TRUST_LOCAL).isAfter(now)) {
            return mine.failingSince();
        }
        if (mine != null) {
            local.remove(subscriptionId, mine);
        }
        return view.get(subscriptionId).map(EndpointFailure::failingSince);
    }

    private CompletableFuture<Void> write(String subscriptionId, byte[] value) {
        return handoff.send(new org.apache.kafka.clients.producer.ProducerRecord<>(catalog.endpointFailures().name(), subscriptionId, value))
                .thenApply(m -> null);
    }
}
