package dev.hooklane.subscriptions.attempts;

import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.TopicFollower;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery history the API answers from: the attempts topic, indexed on local disk by an
 * {@link AttemptStore} and followed by a {@link TopicFollower}. The topic is the record; the store
 * is an index of it that any instance can rebuild, so every instance answers the same pages with
 * the same cursors. It answers {@link HistorySettings#attemptHistoryRetention()} of history, forgets
 * each day of attempts once it has passed out of that window, and resumes where it stopped when its directory survives a restart.
 */
public final class AttemptHistory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttemptHistory.class);
    private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);

    private final Path directory;
    private final boolean temporary;
    private final AttemptStore store;
    private final TopicFollower follower;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService expiry;

    public AttemptHistory(KafkaSettings kafka, Topic<String, AttemptRecord> topic, HistorySettings settings, Clock clock) {
        this.retention = settings.attemptHistoryRetention();
        this.clock = clock;
        this.temporary = settings.attemptHistoryDir().isEmpty();
        this.directory = settings.attemptHistoryDir().orElseGet(AttemptHistory::temporaryDirectory);
        this.store = new AttemptStore(directory);
        this.follower = new TopicFollower(kafka, "subscription-api-attempts", topic.name(),
                TopicFollower.Start.resume(store.positions(), notBefore()),
                record -> store.add(record.partition(), record.offset(), record.value(), notBefore()));
        this.expiry = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("attempt-history-expiry").daemon().factory());
    }

    public AttemptHistory start() {
        follower.start();
        expiry.scheduleWithFixedDelay(this::expire, 0, EXPIRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Attempts of one subscription, newest first, from {@code after} on. */
    AttemptStore.Page ofSubscription(String subscriptionId, Optional<AttemptStore.Position> after, int limit) {
        return store.ofSubscription(subscriptionId, after, limit, notBefore());
    }

    /** Attempts of one event of one tenant, over all its subscriptions, newest first, from {@code after} on. */
    AttemptStore.Page ofEvent(String tenant, String eventId, Optional<AttemptStore.Position> after, int limit) {
        return store.ofEvent(tenant, eventId, after, limit, notBefore());
    }

    /** The newest {@code limit} attempts of one subscription. */
    public List<AttemptRecord> recent(String subscriptionId, int limit) {
        return ofSubscription(subscriptionId, Optional.empty(), limit).attempts();
    }

    Optional<String> tenantOfSubscription(String subscriptionId) {
        return store.tenantOfSubscription(subscriptionId, notBefore());
    }

    /** True once the history holds every attempt the topic held when the service started. */
    public boolean isLoaded() {
        return follower.isCaughtUp();
    }

    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    /** True once the reading thread has ended although {@link #close()} was not called: the history no longer grows. */
    public boolean stoppedUnexpectedly() {
        return follower.stoppedUnexpectedly();
    }

    private Instant notBefore() {
        return clock.instant().minus(retention);
    }

    private void expire() {
        try {
            int forgotten = store.expireBefore(notBefore());
            if (forgotten > 0) {
                log.info("attempt history: forgot {} day(s) of attempts older than {}", forgotten, retention);
            }
        } catch (RuntimeException e) {
            log.warn("attempt history: could not forget expired attempts, trying again in {}: {}", EXPIRY_INTERVAL, e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        follower.close();
        expiry.shutdownNow();
        try {
            expiry.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        if (temporary) {
            deleteQuietly(directory);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("hooklane-attempt-history");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the attempt history", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}: {}", directory, e.getMessage());
        }
    }
}
