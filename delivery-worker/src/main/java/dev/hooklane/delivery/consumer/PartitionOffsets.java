package dev.hooklane.delivery.consumer;

import java.util.Base64;
import java.util.BitSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The offsets of one partition that are being worked on. The committable offset is the lowest one
 * still unresolved, so a commit never passes a job that is not delivered or handed on.
 *
 * <p>Jobs resolve out of order, so records above the committable offset are often resolved already.
 * Their offsets travel in the commit's metadata, and the partition's next owner skips them instead
 * of attempting them again: after a crash, only the jobs that were truly unresolved are redelivered.
 */
final class PartitionOffsets {

    private static final String FORMAT = "resolved-ahead:v1:";
    /** Offsets past the committable one that the metadata covers: 8 per byte, about 3 KiB of text. */
    static final int MAX_AHEAD = 18_000;

    private final TreeSet<Long> pending = new TreeSet<>();
    /** Resolved offsets at or above the committable one, this owner's or inherited from the last one. */
    private final TreeSet<Long> resolvedAhead = new TreeSet<>();
    private long next = -1;
    /** The last answer of {@link #commit()}, kept while nothing changed: most calls find an idle partition. */
    private OffsetAndMetadata lastCommit;

    /** Takes over the resolved offsets the previous owner committed as metadata with {@code offset}. */
    synchronized void inherit(long offset, String metadata) {
        if (metadata == null || !metadata.startsWith(FORMAT)) {
            return;
        }
        String[] parts = metadata.substring(FORMAT.length()).split(":", 2);
        try {
            if (parts.length != 2 || Long.parseLong(parts[0]) != offset) {
                return;
            }
            BitSet bits = BitSet.valueOf(Base64.getUrlDecoder().decode(parts[1]));
            bits.stream().limit(MAX_AHEAD).forEach(bit -> resolvedAhead.add(offset + bit));
            lastCommit = null;
        } catch (IllegalArgumentException e) {
            // Unreadable metadata only costs redeliveries.
        }
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
            // Beyond what a commit can name, remembering the offset would only cost memory: a job stuck
            // low in the partition (a long wait in a retry tier) must not make this set grow without end.
            if (offset < committable() + MAX_AHEAD) {
                resolvedAhead.add(offset);
            }
            prune();
            lastCommit = null;
        }
    }

    /**
     * What to commit: the lowest unresolved offset (every record below it is resolved) and, in its
     * metadata, the resolved offsets above it; null before any record was seen.
     */
    synchronized OffsetAndMetadata commit() {
        if (lastCommit == null) {
            long base = committable();
            lastCommit = base < 0 ? null : new OffsetAndMetadata(base, metadata(base));
        }
        return lastCommit;
    }

    private long committable() {
        return pending.isEmpty() ? next : pending.first();
    }

    private String metadata(long base) {
        if (resolvedAhead.isEmpty()) {
            return "";
        }
        BitSet bits = new BitSet();
        for (long offset : resolvedAhead.subSet(base, base + MAX_AHEAD)) {
            bits.set((int) (offset - base));
        }
        return FORMAT + base + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits.toByteArray());
    }

    synchronized int inFlight() {
        return pending.size();
    }

    private void prune() {
        long committable = committable();
        if (committable >= 0) {
            resolvedAhead.headSet(committable).clear();
        }
    }
}
