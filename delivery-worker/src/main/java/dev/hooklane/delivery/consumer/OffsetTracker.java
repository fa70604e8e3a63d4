package dev.hooklane.delivery.consumer;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks, per owned partition, which offsets are in flight. Jobs resolve out of order (a slow
 * endpoint does not hold back the others), but the committed offset only moves past a record once
 * every record below it is resolved; the resolved records above it are named in the commit's
 * metadata, so that the next owner does not attempt them again. Safe to use from the poll thread
 * and completion threads.
 */
public final class OffsetTracker {

    private final Map<TopicPartition, PartitionOffsets> partitions = new ConcurrentHashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new ConcurrentHashMap<>();
    private final LongSupplier millis;

    public OffsetTracker() {
        this(System::currentTimeMillis);
    }

    /** @param millis the wall clock, in epoch milliseconds, that commits carry */
    public OffsetTracker(LongSupplier millis) {
        this.millis = millis;
    }

    /** A handle that resolves one offset of one ownership of a partition, even after a rebalance. */
    public interface Resolution {
        void resolve();
    }

    /** Where a partition's last owner left it: its committed offset and when it took that state, if it said. */
    public record Inherited(long committed, Optional<Instant> takenAt) {
    }

    /**
     * @param lastCommits the partitions' committed offsets and metadata, as far as known (a
     *     partition may be missing or map to null)
     * @return for each partition that had a commit, where its last owner left it
     */
    public Map<TopicPartition, Inherited> assigned(Collection<TopicPartition> assigned, Map<TopicPartition, OffsetAndMetadata> lastCommits) {
        Map<TopicPartition, Inherited> inherited = new HashMap<>();
        for (TopicPartition partition : assigned) {
            PartitionOffsets offsets = new PartitionOffsets(millis);
            OffsetAndMetadata last = lastCommits.get(partition);
            if (last != null) {
                inherited.put(partition, new Inherited(last.offset(), offsets.inherit(last.offset(), last.metadata())));
            }
            partitions.put(partition, offsets);
            committed.remove(partition);
        }
        return inherited;
    }

    /** The last commits known to have succeeded, of those of {@code some} partitions that had one. */
    public Map<TopicPartition, OffsetAndMetadata> lastCommitted(Collection<TopicPartition> some) {
        Map<TopicPartition, OffsetAndMetadata> last = new HashMap<>();
        for (TopicPartition partition : some) {
            OffsetAndMetadata commit = committed.get(partition);
            if (commit != null) {
                last.put(partition, commit);
            }
        }
        return last;
    }

    /**
     * Offsets of {@code partition} from {@code from} on that its last owner ended without committing them.
     *
     * @return how many of them were not yet known as resolved
     */
    public int finishedElsewhere(TopicPartition partition, long from, Collection<Long> offsets) {
        PartitionOffsets known = partitions.get(partition);
        return known == null ? 0 : known.finishedElsewhere(from, offsets);
    }

    /**
     * Whether the partition's previous owner resolved the record at {@code offset} (it is then
     * counted as read and resolved, and must not be attempted again).
     */
    public boolean resolvedBefore(TopicPartition partition, long offset) {
        PartitionOffsets offsets = partitions.get(partition);
        return offsets != null && offsets.resolvedBefore(offset);
    }

    public void revoked(Collection<TopicPartition> revoked) {
        for (TopicPartition partition : revoked) {
            partitions.remove(partition);
            committed.remove(partition);
        }
    }

    /** Marks a record as in flight; the returned handle resolves it. */
    public Resolution started(TopicPartition partition, long offset) {
        PartitionOffsets offsets = partitions.computeIfAbsent(partition, p -> new PartitionOffsets(millis));
        offsets.started(offset);
        return () -> offsets.resolved(offset);
    }

    public int inFlight(TopicPartition partition) {
        return Optional.ofNullable(partitions.get(partition)).map(PartitionOffsets::inFlight).orElse(0);
    }

    public int inFlight(Collection<TopicPartition> some) {
        return some.stream().mapToInt(this::inFlight).sum();
    }

    public int inFlight() {
        return partitions.values().stream().mapToInt(PartitionOffsets::inFlight).sum();
    }

    /** Offsets (or their metadata) that changed since the last commit, for {@code some} partitions (all when null). */
    public Map<TopicPartition, OffsetAndMetadata> toCommit(Collection<TopicPartition> some) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        partitions.forEach((partition, offsets) -> {
            if (some != null && !some.contains(partition)) {
                return;
            }
            OffsetAndMetadata commit = offsets.commit();
            if (commit != null && !commit.equals(committed.get(partition))) {
                commits.put(partition, commit);
            }
        });
        return commits;
    }

    /** Records that a commit of these offsets succeeded. */
    public void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            if (partitions.containsKey(partition)) {
                committed.put(partition, offset);
            }
        });
    }
}
