package dev.hooklane.delivery.consumer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Records read before they are due, ordered by due time. Owned by the poll thread: the consumer
 * hands each one on when it falls due, so no thread sleeps per job. Records of one partition may
 * fall due out of offset order (jitter, Retry-After); each fires at its own time.
 */
final class HeldRecords {

    record Held(ConsumerRecord<String, byte[]> record, TopicPartition partition, Instant dueAt, OffsetTracker.Resolution resolution) {
    }

    private final PriorityQueue<Held> queue = new PriorityQueue<>((a, b) -> a.dueAt().compareTo(b.dueAt()));
    private final Map<TopicPartition, Integer> perPartition = new HashMap<>();

    void hold(Held held) {
        queue.add(held);
        perPartition.merge(held.partition(), 1, Integer::sum);
    }

    /** Removes and returns every record due at {@code now}. */
    List<Held> due(Instant now) {
        List<Held> due = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().dueAt().isAfter(now)) {
            Held held = queue.poll();
            perPartition.merge(held.partition(), -1, Integer::sum);
            due.add(held);
        }
        return due;
    }

    /** Forgets the records of {@code partitions}: they stay uncommitted, so their next owner reads them again. */
    void drop(Collection<TopicPartition> partitions) {
        queue.removeIf(held -> partitions.contains(held.partition()));
        partitions.forEach(perPartition::remove);
    }

    int count(TopicPartition partition) {
        return perPartition.getOrDefault(partition, 0);
    }

    int count(Collection<TopicPartition> partitions) {
        return partitions.stream().mapToInt(this::count).sum();
    }

    /** The earliest due time, or empty when nothing is held. */
    java.util.Optional<Instant> next() {
        return queue.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(queue.peek().dueAt());
    }
}
