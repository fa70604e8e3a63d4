package dev.hooklane.delivery.consumer;

import java.time.Instant;
import java.util.Base64;
import java.util.BitSet;
import java.util.Collection;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The offsets of one partition that are being worked on. The committable offset is the lowest one
 * still unresolved, so a commit never passes a job that is not delivered or handed on.
 *
 * <p>Jobs resolve out of order, so records above the committable offset are often resolved already.
 * Their offsets travel in the commit's metadata, and the partition's next owner skips them instead
 * of attempting them again: after a crash, only the jobs that were truly unresolved are redelivered.
 * The metadata also says when its owner took this state, so that the next owner knows from when to
 * look for jobs its last owner ended after its last commit ({@link FinishedJobs}).
 */
final class PartitionOffsets {

    /** {@code resolved-ahead:v2:<base>:<epoch millis>:<bitset>}; v1 had no time. */
    private static final String FORMAT_V1 = "resolved-ahead:v1:";
    private static final String FORMAT = "resolved-ahead:v2:";
    /** Offsets past the committable one that the metadata covers: 8 per byte, about 3 KiB of text. */
    static final int MAX_AHEAD = 18_000;

    private final PendingOffsets pending = new PendingOffsets();
    /** Resolved offsets from the committable one on, this owner's or inherited from the last one, as far as a commit can name them. */
    private final ResolvedWindow resolvedAhead = new ResolvedWindow(MAX_AHEAD);
    private long next = -1;
    /**
     * A state unchanged since it was taken still holds later, so an idle partition's commit is
     * taken again every second: its time then tells the next owner how recent it is.
     */
    private static final long RESTAMP_EVERY_MILLIS = 1_000;
    /** The last answer of {@link #commit()}, kept while nothing changed (most calls find an idle partition), and when it was taken. */
    private OffsetAndMetadata lastCommit;
    private long lastCommitAt;
    private final LongSupplier millis;

    /** @param millis the wall clock, in epoch milliseconds, that commits carry */
    PartitionOffsets(LongSupplier millis) {
        this.millis = millis;
    }

    /**
     * Takes over the resolved offsets the previous owner committed as metadata with {@code offset}.
     *
     * @return when the previous owner took the state it committed, if its metadata says
     */
    synchronized Optional<Instant> inherit(long offset, String metadata) {
        resolvedAhead.moveTo(offset);
        boolean timed = metadata != null && metadata.startsWith(FORMAT);
        if (!timed && (metadata == null || !metadata.startsWith(FORMAT_V1))) {
            return Optional.empty();
        }
        String[] parts = metadata.substring((timed ? FORMAT : FORMAT_V1).length()).split(":", timed ? 3 : 2);
        try {
            if (parts.length != (timed ? 3 : 2) || Long.parseLong(parts[0]) != offset) {
                return Optional.empty();
            }
            BitSet bits = BitSet.valueOf(Base64.getUrlDecoder().decode(parts[parts.length - 1]));
            // The window keeps those a commit can name, the first MAX_AHEAD from the committed offset.
            bits.stream().forEach(bit -> resolvedAhead.add(offset + bit));
            lastCommit = null;
            return timed ? Optional.of(Instant.ofEpochMilli(Long.parseLong(parts[1]))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            // Unreadable metadata only costs redeliveries.
            return Optional.empty();
        }
    }

    /**
     * Offsets at or above {@code from} that the previous owner ended without committing them: they count as resolved.
     * Called after {@link #inherit} with the same offset, which placed the window there.
     *
     * @return how many were not known as resolved yet
     */
    synchronized int finishedElsewhere(long from, Collection<Long> offsets) {
        int added = 0;
        for (long offset : offsets) {
            if (offset >= from && offset < from + MAX_AHEAD && !pending.contains(offset) && resolvedAhead.add(offset)) {
                added++;
                lastCommit = null;
            }
        }
        return added;
    }

    /** Whether the previous owner resolved {@code offset}; if so it counts as read and resolved here. */
    synchronized boolean resolvedBefore(long offset) {
        if (!resolvedAhead.contains(offset) || pending.contains(offset)) {
            return false;
        }
        next = Math.max(next, offset + 1);
        prune();
        lastCommit = null;
        return true;
    }

    synchronized void started(long offset) {
        pending.add(offset);
        next = Math.max(next, offset + 1);
        lastCommit = null;
    }

    synchronized void resolved(long offset) {
        if (pending.remove(offset)) {
            prune();
            // Kept only from the committable offset on and as far as a commit can name: a job stuck low in
            // the partition (a long wait in a retry tier) must not make this state grow without end.
            resolvedAhead.add(offset);
            lastCommit = null;
        }
    }

    /**
     * What to commit: the lowest unresolved offset (every record below it is resolved) and, in its
     * metadata, the resolved offsets above it; null before any record was seen.
     */
    synchronized OffsetAndMetadata commit() {
        long now = millis.getAsLong();
        if (lastCommit == null || now - lastCommitAt >= RESTAMP_EVERY_MILLIS) {
            long base = committable();
            lastCommit = base < 0 ? null : new OffsetAndMetadata(base, metadata(base, now));
            lastCommitAt = now;
        }
        return lastCommit;
    }

    private long committable() {
        return pending.isEmpty() ? next : pending.first();
    }

    private String metadata(long base, long takenAt) {
        BitSet bits = resolvedAhead.bits(base);
        return FORMAT + base + ":" + takenAt + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits.toByteArray());
    }

    synchronized int inFlight() {
        return pending.size();
    }

    private void prune() {
        long committable = committable();
        if (committable >= 0) {
            resolvedAhead.moveTo(committable);
        }
    }
}
