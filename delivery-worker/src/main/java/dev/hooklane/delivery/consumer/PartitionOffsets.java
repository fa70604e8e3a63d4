package dev.hooklane.delivery.consumer;

import java.util.Base64;
import java.util.BitSet;
import java.util.TreeSet;

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
        return true;
    }

    synchronized void started(long offset) {
        pending.add(offset);
        next = Math.max(next, offset + 1);
    }

    synchronized void resolved(long offset) {
        if (pending.remove(offset)) {
            // Beyond what a commit can name, remembering the offset would only cost memory: a job stuck
            // low in the partition (a long wait in a retry tier) must not make this set grow without end.
            if (offset < committable() + MAX_AHEAD) {
                resolvedAhead.add(offset);
            }
            prune();
        }
    }

    /** The offset to commit: every record below it is resolved; -1 before any record was seen. */
    synchronized long committable() {
        return pending.isEmpty() ? next : pending.first();
    }

    /** The resolved offsets above {@link #committable()}, for the commit's metadata; empty when none. */
    synchronized String metadata() {
        long base = committable();
        if (base < 0 || resolvedAhead.isEmpty()) {
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
