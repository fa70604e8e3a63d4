package dev.hooklane.delivery.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes job topics with many records in flight per partition. A record that is due is handed to
 * the {@link RecordHandler} at once; one that is not yet due is held in memory and handed on when
 * it falls due (the poll loop's timeout shrinks to the next due time, so no thread sleeps). A
 * partition pauses when its held and in-flight records (but those the handler says wait, see
 * {@link RecordHandler#waiting}) fill its window, and every partition of a
 * topic pauses when the topic's records fill the topic's budget: each topic has its own, so a
 * long retry tier full of waiting jobs never holds back a short one. A record whose handling fails
 * unexpectedly is handed to {@link RecordHandler#failed}, which resolves it with a retry or a dead
 * letter. Offsets are committed only up to the lowest unresolved record,
 * with the resolved records above it named in the commit's metadata; a new owner skips those, and
 * those its last owner ended after its last commit ({@link FinishedJobs}). On
 * revocation or shutdown, held records are dropped and in-flight work gets a bounded time to
 * finish; what is left is redelivered to the next owner (duplicates possible, loss never).
 */
public final class JobConsumer implements AutoCloseable {

    /** Jobs waiting or in flight for one topic, and how late the last due jobs were handed on. */
    public record TopicStats(long backlog, Duration lateness) {
    }

    private static final Logger log = LoggerFactory.getLogger(JobConsumer.class);
    // A crashed worker's successor redelivers what was resolved since the last commit: committing every few
    // tens of milliseconds keeps those duplicates to the jobs of that moment.
    private static final Duration COMMIT_EVERY = Duration.ofMillis(25);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(25);
    private static final Duration STATS_EVERY = Duration.ofSeconds(1);
    private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final RecordHandler handler;
    private final int window;
    private final int topicBudget;
    private final Duration grace;
    private final FinishedJobs finished;
    private final Clock clock;
    private final OffsetTracker tracker;
    private final HeldRecords held = new HeldRecords();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<TopicPartition> paused = new HashSet<>();
    private final Map<String, Duration> lateness = new HashMap<>();
    /** The final commits of partitions this consumer gave up with nothing left in flight: if they come back unchanged, nothing ended after them. */
    private final Map<TopicPartition, OffsetAndMetadata> handedOver = new HashMap<>();
    private final Thread thread;
    private volatile Map<String, TopicStats> stats = Map.of();
    private long lastCommit = System.nanoTime();
    private long lastStats = System.nanoTime();

    /**
     * @param window records of one partition held or in flight at once
     * @param topicBudget records of all partitions of one topic held or in flight at once
     * @param finished finds the jobs of partitions taken over that their last owner ended after its last commit; closed with this
     */
    public JobConsumer(String name, Properties consumerProps, List<String> topics, RecordHandler handler, int window, int topicBudget,
                       Duration grace, FinishedJobs finished, Clock clock) {
        this.name = name;
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.window = window;
        this.topicBudget = topicBudget;
        this.grace = grace;
        this.finished = finished;
        this.clock = clock;
        this.tracker = new OffsetTracker(clock::millis);
        this.thread = Thread.ofPlatform().name(name).unstarted(this::run);
    }

    public JobConsumer start() {
        thread.start();
        return this;
    }

    /** Whether its thread ended while it should run (it was started and not closed): the worker is then not alive. */
    public boolean stoppedUnexpectedly() {
        return running.get() && thread.getState() == Thread.State.TERMINATED;
    }

    /** Records held or being worked on now. */
    public int inFlight() {
        return tracker.inFlight();
    }

    /** Per topic, refreshed about every second by the poll thread. */
    public Map<String, TopicStats> stats() {
        return stats;
    }

    public KafkaConsumer<String, byte[]> kafkaConsumer() {
        return consumer;
    }

    private void run() {
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(pollWait())) {
                    accept(record);
                }
                for (HeldRecords.Held due : held.due(clock.instant())) {
                    dispatch(due.record(), due.resolution(), due.dueAt());
                }
                adjustPauses();
                commitIfDue();
                refreshStats();
            }
        } catch (WakeupException e) {
            if (running.get()) {
                log.error("{} woken up unexpectedly", name, e);
            }
        } catch (RuntimeException e) {
            log.error("{} stopped on an unexpected error", name, e);
        } finally {
            drainAndCommit(consumer.assignment());
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
            finished.close();
            log.info("{} stopped", name);
        }
    }

    private Duration pollWait() {
        return held.next().map(due -> {
            Duration until = Duration.between(clock.instant(), due);
            return until.isNegative() ? Duration.ZERO : until.compareTo(MAX_POLL_WAIT) < 0 ? until : MAX_POLL_WAIT;
        }).orElse(MAX_POLL_WAIT);
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (tracker.resolvedBefore(partition, record.offset())) {
            return;
        }
        OffsetTracker.Resolution resolution = tracker.started(partition, record.offset());
        Instant due = handler.dueAt(record);
        if (!due.equals(Instant.MIN) && due.isAfter(clock.instant())) {
            held.hold(new HeldRecords.Held(record, partition, due, resolution));
        } else {
            dispatch(record, resolution, due);
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record, OffsetTracker.Resolution resolution, Instant due) {
        if (!due.equals(Instant.MIN)) {
            Duration late = Duration.between(due, clock.instant());
            lateness.merge(record.topic(), late.isNegative() ? Duration.ZERO : late, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        CompletableFuture<Void> handled;
        try {
            handled = handler.handle(record);
        } catch (RuntimeException e) {
            handled = CompletableFuture.failedFuture(e);
        }
        handled.whenComplete((done, error) -> {
            if (error == null) {
                resolution.resolve();
            } else {
                rescue(record, resolution, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
    }

    /** The last line of defence: the handler failed on a record, and must still resolve it with a retry or a dead letter. */
    private void rescue(ConsumerRecord<String, byte[]> record, OffsetTracker.Resolution resolution, Throwable error) {
        log.error("{}: handling failed for {}-{} offset {}; resolving it as failed", name, record.topic(), record.partition(), record.offset(),
                error);
        CompletableFuture<Void> rescued;
        try {
            rescued = handler.failed(record, error);
        } catch (RuntimeException e) {
            rescued = CompletableFuture.failedFuture(e);
        }
        rescued.whenComplete((done, failure) -> {
            if (failure == null) {
                resolution.resolve();
            } else {
                log.error("{}: could not resolve {}-{} offset {} as failed; it stays uncommitted for the partition's next owner", name,
                        record.topic(), record.partition(), record.offset(), failure);
            }
        });
    }

    private void adjustPauses() {
        Map<String, Integer> perTopic = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            perTopic.merge(partition.topic(), tracker.inFlight(partition), Integer::sum);
        }
        Set<TopicPartition> toPause = new HashSet<>();
        Set<TopicPartition> toResume = new HashSet<>();
        for (TopicPartition partition : consumer.assignment()) {
            boolean shouldPause = perTopic.get(partition.topic()) >= topicBudget
                    || tracker.inFlight(partition) - handler.waiting(partition) >= window;
            if (shouldPause && !paused.contains(partition)) {
                toPause.add(partition);
            } else if (!shouldPause && paused.contains(partition)) {
                toResume.add(partition);
            }
        }
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
            paused.addAll(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
            paused.removeAll(toResume);
        }
    }

    private void commitIfDue() {
        if (System.nanoTime() - lastCommit < COMMIT_EVERY.toNanos()) {
            return;
        }
        lastCommit = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.toCommit(null);
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error == null) {
                    tracker.committed(committed);
                } else {
                    log.warn("{}: commit failed, will retry: {}", name, error.toString());
                }
            });
        }
    }

    private void refreshStats() {
        if (System.nanoTime() - lastStats < STATS_EVERY.toNanos()) {
            return;
        }
        lastStats = System.nanoTime();
        Map<String, Long> backlog = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            long lag = consumer.currentLag(partition).orElse(0);
            backlog.merge(partition.topic(), lag + tracker.inFlight(partition), Long::sum);
        }
        Map<String, TopicStats> fresh = new HashMap<>();
        for (String topic : topics) {
            fresh.put(topic, new TopicStats(backlog.getOrDefault(topic, 0L), lateness.getOrDefault(topic, Duration.ZERO)));
        }
        lateness.clear();
        stats = Map.copyOf(fresh);
    }

    /** Drops held records of {@code partitions}, lets their in-flight work finish within the grace period, then commits. */
    private void drainAndCommit(Collection<TopicPartition> partitions) {
        int dropped = held.count(partitions);
        held.drop(partitions);
        long deadline = System.nanoTime() + grace.toNanos();
        while (tracker.inFlight(partitions) - dropped > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = tracker.inFlight(partitions) - dropped;
        if (left > 0) {
            log.warn("{}: {} jobs still in flight after {}; the next owner will redeliver them", name, left, grace);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.toCommit(partitions);
        try {
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets, Duration.ofSeconds(10));
                tracker.committed(offsets);
            }
            if (left <= 0) {
                handedOver.putAll(tracker.lastCommitted(partitions));
            }
        } catch (RuntimeException e) {
            log.warn("{}: final commit failed; the next owner will redeliver from the last commit: {}", name, e.toString());
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> lastCommits = Map.of();
            if (!partitions.isEmpty()) {
                try {
                    lastCommits = consumer.committed(new HashSet<>(partitions), COMMITTED_TIMEOUT);
                } catch (RuntimeException e) {
                    log.warn("{}: could not read the last commits of {}; jobs resolved after them will be attempted again: {}",
                            name, partitions, e.toString());
                }
            }
            Map<TopicPartition, OffsetTracker.Inherited> inherited = tracker.assigned(partitions, lastCommits);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata ours = handedOver.remove(partition);
                if (ours != null && ours.equals(lastCommits.get(partition))) {
                    inherited.remove(partition);
                }
            }
            FinishedJobs.Ended ended = finished.endedAfterCommit(inherited);
            int skipped = 0;
            for (Map.Entry<TopicPartition, Set<Long>> found : ended.offsets().entrySet()) {
                skipped += tracker.finishedElsewhere(found.getKey(), inherited.get(found.getKey()).committed(), found.getValue());
            }
            log.info("{}: assigned {}", name, partitions);
            if (skipped > 0) {
                log.info("{}: {} jobs were ended by the last owner after its last commit and will be skipped (read {} records in {} ms)", name,
                        skipped, ended.read(), ended.took().toMillis());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drainAndCommit(partitions);
            tracker.revoked(partitions);
            paused.removeAll(partitions);
            log.info("{}: revoked {}", name, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            handedOver.keySet().removeAll(partitions);
            held.drop(partitions);
            tracker.revoked(partitions);
            paused.removeAll(partitions);
            log.warn("{}: lost {}; their in-flight jobs will be redelivered to the new owner", name, partitions);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(grace.plusSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
