package dev.hooklane.subscriptions.idempotency;

import dev.hooklane.contracts.idempotency.IdempotentAnswer;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.TopicTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotency-keys table with a first-claim-wins rule: every instance reads the topic in the
 * same order, and a claim replaces the held one only when it completes that claim or was written
 * after the held one expired. So all instances agree on which request owns a key, without a lock.
 */
public final class IdempotencyStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);

    private final Map<String, IdempotentAnswer> winners = new ConcurrentHashMap<>();
    private final TopicTable<IdempotentAnswer> table;
    private final Clock clock;
    private final ScheduledExecutorService sweeper;

    public IdempotencyStore(KafkaSettings settings, Topic<String, IdempotentAnswer> topic, String clientId, Duration writeTimeout, Clock clock) {
        this.clock = clock;
        this.table = new TopicTable<>(settings, topic, clientId, writeTimeout, (key, previous, current) -> apply(key, current));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(clientId + "-sweeper").factory());
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void apply(String key, Optional<IdempotentAnswer> current) {
        if (current.isEmpty()) {
            winners.remove(key);
            return;
        }
        IdempotentAnswer candidate = current.get();
        winners.compute(key, (k, held) -> held == null || held.claimId().equals(candidate.claimId())
                || !candidate.createdAt().isBefore(held.expiresAt()) ? candidate : held);
    }

    /** The live state of {@code key}: the winning claim or its answer. */
    public Optional<IdempotentAnswer> get(String key) {
        Instant now = clock.instant();
        return Optional.ofNullable(winners.get(key)).filter(answer -> answer.liveAt(now));
    }

    /** Writes a claim or an answer and waits until this instance holds it (or another claim that beat it). */
    public void put(String key, IdempotentAnswer answer) {
        table.put(key, answer);
    }

    /** Forgets {@code key}, so that the request can be tried again. */
    public void release(String key) {
        table.delete(key);
    }

    public TopicTable<IdempotentAnswer> table() {
        return table;
    }

    /** Tombstones expired keys so that compaction drops them and views stop holding them. */
    private void sweep() {
        Instant now = clock.instant();
        List<String> expired = winners.entrySet().stream().filter(e -> !e.getValue().liveAt(now)).map(Map.Entry::getKey).toList();
        for (String key : expired) {
            try {
                table.delete(key);
            } catch (RuntimeException e) {
                log.warn("Could not forget {} expired idempotency keys: {}", expired.size(), e.getMessage());
                return;
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        table.close();
    }
}
