package dev.hooklane.delivery.lifecycle;

import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.delivery.metrics.DeliveryMetrics;
import dev.hooklane.delivery.metrics.DeliveryMetrics.DisableCause;
import dev.hooklane.delivery.write.Handoff;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disables a subscription on the platform's initiative: writes it back to the compacted
 * subscriptions topic with {@code enabled=false} and the reason, then tells the tenant with a
 * {@code webhook.subscription.disabled} event. Every service's view picks the change up; the
 * router stops routing to it and the workers dead-letter its remaining jobs.
 */
public final class SubscriptionDisabler {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionDisabler.class);
    private static final JsonSerde<Subscription> SUBSCRIPTIONS = JsonSerde.of(Subscription.class);
    private static final Duration REMEMBER = Duration.ofMinutes(1);

    private final TopicCatalog catalog;
    private final Function<String, Optional<Subscription>> subscriptions;
    private final Handoff handoff;
    private final OperationalEvents events;
    private final DeliveryMetrics metrics;
    private final Executor follow;
    // Disabled here recently: the view may not show it yet, and one write is enough.
    private final Map<String, Instant> recent = new ConcurrentHashMap<>();

    /**
     * @param follow runs the announcement that follows the acknowledged write, off the producer's I/O thread
     */
    public SubscriptionDisabler(TopicCatalog catalog, Function<String, Optional<Subscription>> subscriptions, Handoff handoff,
                                OperationalEvents events, DeliveryMetrics metrics, Executor follow) {
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.handoff = handoff;
        this.events = events;
        this.metrics = metrics;
        this.follow = follow;
    }

    /**
     * @param url the URL that failed: a subscription whose URL changed since is left alone
     */
    public CompletableFuture<Void> disable(String subscriptionId, String url, String reason, DisableCause cause, Instant now) {
        recent.values().removeIf(at -> at.isBefore(now.minus(REMEMBER)));
        Optional<Subscription> current = subscriptions.apply(subscriptionId);
        if (current.isEmpty() || !current.get().enabled() || !current.get().url().equals(url)
                || recent.putIfAbsent(subscriptionId, now) != null) {
            return CompletableFuture.completedFuture(null);
        }
        Subscription disabled = current.get().disabled(reason, now);
        log.info("Disabling subscription {} of tenant {}: {}", subscriptionId, disabled.tenant(), reason);
        metrics.subscriptionDisabled(cause);
        return handoff.send(new ProducerRecord<>(catalog.subscriptions().name(), subscriptionId, SUBSCRIPTIONS.toBytes(disabled)))
                .thenComposeAsync(written -> events.disabled(disabled, reason), follow);
    }
}
