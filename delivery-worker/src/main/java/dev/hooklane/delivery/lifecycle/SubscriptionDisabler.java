package dev.hooklane.delivery.lifecycle;

import dev.hooklane.contracts.subscription.DisableRequest;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.delivery.metrics.DeliveryMetrics;
import dev.hooklane.delivery.metrics.DeliveryMetrics.DisableCause;
import dev.hooklane.delivery.write.Handoff;
import dev.hooklane.service.kafka.CompactedTopicView.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for a subscription to be disabled on the platform's initiative: the worker does not write
 * the subscriptions table (the subscription API is its one writer), it sends a
 * {@link DisableRequest} that the API applies to the subscription's current version, if that still
 * has the URL that failed, and announces. Every service's view then picks the change up; the
 * router stops routing to it and the workers dead-letter its remaining jobs.
 */
public final class SubscriptionDisabler {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionDisabler.class);
    private static final Duration REMEMBER = Duration.ofMinutes(1);

    private final Topic<String, DisableRequest> requests;
    private final Function<String, Optional<Versioned<Subscription>>> subscriptions;
    private final Handoff handoff;
    private final DeliveryMetrics metrics;
    // Asked for here recently: the view may not show the change yet, and one request is enough.
    private final Map<String, Instant> recent = new ConcurrentHashMap<>();

    public SubscriptionDisabler(Topic<String, DisableRequest> requests, Function<String, Optional<Versioned<Subscription>>> subscriptions,
                                Handoff handoff, DeliveryMetrics metrics) {
        this.requests = requests;
        this.subscriptions = subscriptions;
        this.handoff = handoff;
        this.metrics = metrics;
    }

    /**
     * @param url the URL that failed: a subscription whose URL changed since is left alone
     * @return completes when the broker acknowledged the request
     */
    public CompletableFuture<Void> disable(String subscriptionId, String url, String reason, DisableCause cause, Instant now) {
        recent.values().removeIf(at -> at.isBefore(now.minus(REMEMBER)));
        Optional<Versioned<Subscription>> current = subscriptions.apply(subscriptionId);
        if (current.isEmpty() || !current.get().value().enabled() || !current.get().value().url().equals(url)
                || recent.putIfAbsent(subscriptionId, now) != null) {
            return CompletableFuture.completedFuture(null);
        }
        Subscription seen = current.get().value();
        DisableRequest request = DisableRequest.of(subscriptionId, seen.tenant(), url, current.get().version(), reason, now);
        log.info("Asking to disable subscription {} of tenant {}: {}", subscriptionId, seen.tenant(), reason);
        metrics.subscriptionDisabled(cause);
        return handoff.send(new ProducerRecord<>(requests.name(), subscriptionId, requests.valueSerde().serializer().serialize(requests.name(), request)))
                .thenApply(written -> null);
    }
}
