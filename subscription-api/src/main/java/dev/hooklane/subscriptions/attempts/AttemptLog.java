package dev.hooklane.subscriptions.attempts;

import dev.hooklane.contracts.delivery.AttemptCodec;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.TopicFollower;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The attempts topic, materialized in memory for the API: read from {@code lookback} ago at start
 * and followed from then on, by a {@link TopicFollower}. Memory is bounded by {@link AttemptIndex}
 * (newest N per subscription, a byte budget over all); older history stays in the topic.
 */
public final class AttemptLog implements AutoCloseable {

    private final AttemptIndex index;
    private final TopicFollower follower;

    public AttemptLog(KafkaSettings kafka, Topic<String, AttemptRecord> topic, HistorySettings settings, Clock clock) {
        this.index = new AttemptIndex(settings.attemptLogMaxBytes(), settings.attemptsPerSubscription());
        this.follower = new TopicFollower(kafka, "subscription-api-attempts", topic.name(),
                TopicFollower.Start.since(clock.instant().minus(settings.attemptLogLookback())),
                record -> index.add(AttemptCodec.decode(record.value())));
    }

    public AttemptLog start() {
        follower.start();
        return this;
    }

    /** Attempts of one subscription, newest first. */
    List<AttemptIndex.Entry> ofSubscription(String subscriptionId) {
        return index.ofSubscription(subscriptionId);
    }

    /** The attempts of one subscription this instance remembers, newest first. */
    public List<AttemptRecord> recent(String subscriptionId) {
        return index.ofSubscription(subscriptionId).stream().map(entry -> entry.record).toList();
    }

    /** Attempts of one event of one tenant, over all its subscriptions, newest first. */
    List<AttemptIndex.Entry> ofEvent(String tenant, String eventId) {
        return index.ofEvent(tenant, eventId);
    }

    Optional<String> tenantOfSubscription(String subscriptionId) {
        return index.tenantOfSubscription(subscriptionId);
    }

    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    public boolean isLoaded() {
        return follower.isCaughtUp();
    }

    /** True once the reading thread has ended although {@link #close()} was not called: the log no longer grows. */
    public boolean stoppedUnexpectedly() {
        return follower.stoppedUnexpectedly();
    }

    @Override
    public void close() {
        follower.close();
    }
}
