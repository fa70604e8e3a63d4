package dev.hooklane.subscriptions.disable;

import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.event.PlatformEvents;
import dev.hooklane.contracts.subscription.DisableRequest;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.TopicFollower;
import dev.hooklane.service.kafka.TopicTable.TableWriteException;
import dev.hooklane.subscriptions.SubscriptionApiMetrics;
import dev.hooklane.subscriptions.subscription.Subscriptions;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the disable requests other services send (the delivery worker, when an endpoint answers
 * 410 Gone or fails for too long): one instance of the API, by consumer group, applies each to
 * the subscription's current version, then tells the tenant with a
 * {@value PlatformEvents#DISABLED} event. A request about a URL the subscription no longer has, or
 * a subscription already disabled or deleted, changes nothing.
 */
public final class DisableRequests implements AutoCloseable {

    /** The consumer group of every instance. */
    public static final String GROUP = "subscription-api-disable-requests";
    private static final Logger log = LoggerFactory.getLogger(DisableRequests.class);
    private static final URI SOURCE = URI.create("/hooklane/subscription-api");
    /** Tries of a write that Kafka did not take; the worker asks again at its endpoint's next failure. */
    private static final int ATTEMPTS = 3;

    private final Topic<String, DisableRequest> topic;
    private final Subscriptions subscriptions;
    private final EventPublisher events;
    private final SubscriptionApiMetrics metrics;
    private final Duration writeTimeout;
    private final TopicFollower follower;

    public DisableRequests(KafkaSettings settings, Topic<String, DisableRequest> topic, Subscriptions subscriptions, EventPublisher events,
                           SubscriptionApiMetrics metrics, Duration writeTimeout) {
        this.topic = topic;
        this.subscriptions = subscriptions;
        this.events = events;
        this.metrics = metrics;
        this.writeTimeout = writeTimeout;
        this.follower = new TopicFollower(settings, GROUP, topic.name(), TopicFollower.Start.group(settings.catalog().prefix() + GROUP),
                this::handle);
    }

    public DisableRequests start() {
        follower.start();
        return this;
    }

    /** True once the follower's thread ended without {@link #close()}: requests are no longer applied. */
    public boolean stoppedUnexpectedly() {
        return follower.stoppedUnexpectedly();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        DisableRequest request = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (request == null) {
            throw new org.apache.kafka.common.errors.SerializationException("a disable request without a value");
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Optional<Subscription> disabled = subscriptions.disable(request);
                metrics.disableRequest(disabled.isPresent() ? "applied" : "ignored");
                disabled.ifPresent(this::announce);
                return;
            } catch (TableWriteException e) {
                log.warn("Disable request for subscription {} not applied (try {} of {}): {}", request.subscriptionId(), attempt, ATTEMPTS,
                        e.getMessage());
            }
        }
        metrics.disableRequest("failed");
        log.error("Gave up on the disable request for subscription {}; the requester asks again at the endpoint's next failure",
                request.subscriptionId());
    }

    private void announce(Subscription disabled) {
        try {
            events.publish(PlatformEvents.disabled(disabled, SOURCE)).get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Subscription {} is disabled, but the event that says so was not written: {}", disabled.id(), e.getMessage());
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
