package dev.hooklane.delivery.consumer;

import java.util.TreeSet;

/**
 * The offsets of one partition that are being worked on. The committable offset is the lowest one
 * still unresolved, so a commit never passes a job that is not delivered or handed on.
 */
final class PartitionOffsets {

    private final TreeSet<Long> pending = new TreeSet<>();
    private long next = -1;

    synchronized void started(long offset) {
        pending.add(offset);
        next = Math.max(next, offset + 1);
    }

    synchronized void resolved(long offset) {
        pending.remove(offset);
    }

    /** The offset to commit: every record below it is resolved; -1 before any record was seen. */
    synchronized long committable() {
        return pending.isEmpty() ? next : pending.first();
    }

    synchronized int inFlight() {
        return pending.size();
    }
}
