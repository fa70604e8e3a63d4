package dev.hooklane.service.kafka;

import dev.hooklane.service.config.KafkaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one topic with a consumer on a thread of its own and hands every record, in partition
 * order, to a handler. A record the handler cannot read (it throws {@link SerializationException})
 * is skipped, counted and logged with its offset ({@link UnreadableRecords}); any other failure
 * ends the thread, and {@link #stoppedUnexpectedly()} says so from then on, so that the service's
 * health and readiness checks fail and name it.
 *
 * <p>Reading every partition ({@link Start#beginning()}, {@link Start#since}, {@link Start#resume}), the follower knows
 * how far it has read: {@link #awaitCaughtUp} waits for the end the topic had at the start,
 * {@link #awaitOffset} for one record, {@link #caughtUpTo()} says up to which moment it holds
 * every record. In a consumer group ({@link Start#group}) it commits after each batch it handled.
 */
public final class TopicFollower implements AutoCloseable {

    /** Where the follower starts. */
    public sealed interface Start {
        /** Every partition from its first record. */
        static Start beginning() {
            return new Beginning();
        }

        /** Every partition from its first record written at or after {@code time}; its end when there is none. */
        static Start since(Instant time) {
            return new Since(Objects.requireNonNull(time, "time"));
        }

        /**
         * Every partition from a position kept by the caller (partition to next offset to read), and
         * partitions without one as {@link #since}; a kept position the topic no longer holds (its
         * records were deleted by retention) starts at the partition's first record.
         */
        static Start resume(Map<Integer, Long> positions, Instant time) {
            return new Resume(Map.copyOf(positions), Objects.requireNonNull(time, "time"));
        }

        /** The partitions the consumer group gives it, from the group's committed positions (the first record when none). */
        static Start group(String groupId) {
            return new Group(Objects.requireNonNull(groupId, "groupId"));
        }
    }

    record Beginning() implements Start {
    }

    record Since(Instant time) implements Start {
    }

    record Group(String groupId) implements Start {
    }

    record Resume(Map<Integer, Long> positions, Instant time) implements Start {
    }

    /** Handles one record on the follower's thread. */
    @FunctionalInterface
    public interface Handler {
        /** @throws SerializationException when the record cannot be read: it is skipped and counted */
        void handle(ConsumerRecord<String, byte[]> record);
    }

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ASKED_REFRESH = Duration.ofMillis(100);
    private static final Duration IDLE_REFRESH = Duration.ofSeconds(2);
    private static final Duration ENDS_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PARTITIONS_PATIENCE = Duration.ofSeconds(60);
    private static final Duration PARTITIONS_RETRY = Duration.ofMillis(200);

    private final String name;
    private final String topic;
    private final Start start;
    private final Handler handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final UnreadableRecords unreadable = UnreadableRecords.shared();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Object progress = new Object();
    private final Thread thread;
    private volatile AtomicLongArray positions = new AtomicLongArray(0);
    private volatile Instant lastRead = Instant.EPOCH;
    private volatile Instant caughtUpTo = Instant.EPOCH;
    private volatile long lastAsked = System.nanoTime() - IDLE_REFRESH.toNanos();

    /**
     * @param name what the follower is, for logs, the unreadable-record count and the thread's name; also its Kafka client id
     */
    public TopicFollower(KafkaSettings settings, String name, String topic, Start start, Handler handler) {
        this.name = Objects.requireNonNull(name, "name");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.start = Objects.requireNonNull(start, "start");
        this.handler = Objects.requireNonNull(handler, "handler");
        String groupId = start instanceof Group group ? group.groupId() : null;
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(settings, name, groupId, Map.of()), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().name(name + "-follower").daemon().unstarted(this::run);
        unreadable.register(name, topic);
    }

    public TopicFollower start() {
        thread.start();
        return this;
    }

    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    /** True once the follower has read up to the end the topic had when it started (at once in a group). */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * True once the thread has ended although {@link #close()} was not called (the topic vanished, the
     * handler failed, the thread was interrupted): nothing follows the topic any more until the
     * service restarts. Liveness and readiness checks ask this.
     */
    public boolean stoppedUnexpectedly() {
        return running.get() && thread.getState() == Thread.State.TERMINATED;
    }

    /** Waits until the record at {@code offset} of {@code partition} has been handled. */
    public boolean awaitOffset(int partition, long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (position(partition) <= offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    /** Waits until every record below the given end offsets (partition to offset) has been handled. */
    public boolean awaitEnds(Map<Integer, Long> ends, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<Integer, Long> end : ends.entrySet()) {
            if (end.getValue() > 0 && !awaitOffset(end.getKey(), end.getValue() - 1, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A moment such that the follower has handled every record written to the topic before it
     * (records of committed transactions, as it reads them); {@link Instant#EPOCH} until it first
     * caught up. It lags the clock by about one poll while the follower keeps up.
     */
    public Instant caughtUpTo() {
        lastAsked = System.nanoTime();
        return caughtUpTo;
    }

    /** When the follower last polled, to tell a stuck follower from a quiet topic. */
    public Instant lastRead() {
        return lastRead;
    }

    private long position(int partition) {
        AtomicLongArray current = positions;
        return partition < current.length() ? current.get(partition) : -1;
    }

    private void run() {
        try {
            if (start instanceof Group) {
                followGroup();
            } else {
                followAll();
            }
        } catch (WakeupException e) {
            if (running.get()) {
                log.error("{} woken up unexpectedly", name, e);
            }
        } catch (RuntimeException e) {
            log.error("{} stopped following {}: {}", name, topic, e.getMessage(), e);
        } finally {
            // An interrupted thread could not close its consumer, and it ends here anyway.
            Thread.interrupted();
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void followGroup() {
        consumer.subscribe(List.of(topic));
        caughtUp.countDown();
        while (running.get()) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            handleAll(records);
            if (!records.isEmpty()) {
                consumer.commitSync();
            }
            lastRead = Instant.now();
        }
    }

    private void followAll() {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        seekToStart(partitions);
        Instant endsAsOf = Instant.now();
        Map<TopicPartition, Long> startEnds = consumer.endOffsets(partitions);
        positions = new AtomicLongArray(partitions.stream().mapToInt(TopicPartition::partition).max().orElse(0) + 1);
        updatePositions(partitions);
        maybeCaughtUp(startEnds);
        Map<TopicPartition, Long> ends = startEnds;
        while (running.get()) {
            handleAll(consumer.poll(POLL));
            updatePositions(partitions);
            maybeCaughtUp(startEnds);
            if (reached(ends)) {
                caughtUpTo = endsAsOf;
                // End offsets cost the broker a request: often while someone waits on them, seldom otherwise.
                Duration every = System.nanoTime() - lastAsked < IDLE_REFRESH.toNanos() ? ASKED_REFRESH : IDLE_REFRESH;
                if (Duration.between(endsAsOf, Instant.now()).compareTo(every) >= 0) {
                    Instant asOf = Instant.now();
                    Optional<Map<TopicPartition, Long>> fresh = endOffsets(partitions);
                    if (fresh.isPresent()) {
                        endsAsOf = asOf;
                        ends = fresh.get();
                    }
                }
            }
        }
    }

    /** The end offsets now, or empty while the broker cannot say (the follower keeps reading; it asks again later). */
    private Optional<Map<TopicPartition, Long>> endOffsets(List<TopicPartition> partitions) {
        try {
            return Optional.of(consumer.endOffsets(partitions, ENDS_TIMEOUT));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            log.debug("{}: end offsets of {} unknown for now ({})", name, topic, e.getMessage());
            return Optional.empty();
        }
    }

    /** The topic's partitions; a topic created a moment ago may take a while to show in the metadata. */
    private List<TopicPartition> partitions() {
        long deadline = System.nanoTime() + PARTITIONS_PATIENCE.toNanos();
        while (running.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, PARTITIONS_PATIENCE).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            log.debug("{}: topic {} not known yet; asking again", name, topic);
            try {
                Thread.sleep(PARTITIONS_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
        }
        if (!running.get()) {
            throw new WakeupException();
        }
        throw new IllegalStateException("topic " + topic + " does not exist");
    }

    private void seekToStart(List<TopicPartition> partitions) {
        switch (start) {
            case Since since -> seekToTime(partitions, since.time());
            case Resume resume -> {
                List<TopicPartition> unknown = partitions.stream().filter(p -> !resume.positions().containsKey(p.partition())).toList();
                List<TopicPartition> known = partitions.stream().filter(p -> resume.positions().containsKey(p.partition())).toList();
                Map<TopicPartition, Long> firsts = consumer.beginningOffsets(known);
                for (TopicPartition partition : known) {
                    consumer.seek(partition, Math.max(resume.positions().get(partition.partition()), firsts.get(partition)));
                }
                seekToTime(unknown, resume.time());
            }
            default -> consumer.seekToBeginning(partitions);
        }
    }

    private void seekToTime(List<TopicPartition> partitions, Instant time) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp at = found.get(partition);
            consumer.seek(partition, at == null ? ends.get(partition) : at.offset());
        }
    }

    private void handleAll(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                handler.handle(record);
            } catch (SerializationException e) {
                unreadable.skipped(name, record, e.getMessage());
            }
        }
    }

    private void updatePositions(List<TopicPartition> partitions) {
        AtomicLongArray current = positions;
        for (TopicPartition partition : partitions) {
            current.set(partition.partition(), consumer.position(partition));
        }
        lastRead = Instant.now();
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void maybeCaughtUp(Map<TopicPartition, Long> startEnds) {
        if (caughtUp.getCount() == 0 || !reached(startEnds)) {
            return;
        }
        log.info("{} caught up with {}", name, topic);
        caughtUp.countDown();
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (var entry : ends.entrySet()) {
            if (position(entry.getKey().partition()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
