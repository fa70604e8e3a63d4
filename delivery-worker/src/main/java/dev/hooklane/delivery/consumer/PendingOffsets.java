package dev.hooklane.delivery.consumer;

import java.util.Arrays;

/**
 * The offsets of one partition that were started and are not resolved yet, without boxing: a log
 * of started offsets in ascending order, each marked when it resolves. The log's head is always
 * the lowest unresolved offset; resolved entries are dropped from the head as they come, and from
 * the middle when the log runs out of room, so its size follows the offsets in flight and not the
 * span between the lowest and the highest of them.
 *
 * <p>A consumer starts a partition's offsets in ascending order, so an offset is appended in O(1)
 * and found by binary search. An offset started out of order is inserted where it belongs.
 */
final class PendingOffsets {

    private static final int INITIAL_CAPACITY = 64;

    private long[] offsets = new long[INITIAL_CAPACITY];
    private boolean[] resolved = new boolean[INITIAL_CAPACITY];
    private int head;
    private int tail;
    private int unresolved;

    /** Marks {@code offset} as started (again, if it was resolved); adding an offset already pending changes nothing. */
    void add(long offset) {
        if (head < tail && offset <= offsets[tail - 1]) {
            addOutOfOrder(offset);
            return;
        }
        makeRoom();
        offsets[tail] = offset;
        resolved[tail] = false;
        tail++;
        unresolved++;
    }

    /** @return whether {@code offset} was pending */
    boolean remove(long offset) {
        int at = find(offset);
        if (at < 0 || resolved[at]) {
            return false;
        }
        resolved[at] = true;
        unresolved--;
        while (head < tail && resolved[head]) {
            head++;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        return true;
    }

    boolean contains(long offset) {
        int at = find(offset);
        return at >= 0 && !resolved[at];
    }

    boolean isEmpty() {
        return unresolved == 0;
    }

    /** The lowest pending offset; only when not {@link #isEmpty()}. */
    long first() {
        return offsets[head];
    }

    int size() {
        return unresolved;
    }

    private int find(long offset) {
        return head < tail ? Arrays.binarySearch(offsets, head, tail, offset) : -1;
    }

    private void addOutOfOrder(long offset) {
        int at = find(offset);
        if (at >= 0) {
            // Found at or after the head: entries before it are all resolved.
            if (resolved[at]) {
                resolved[at] = false;
                unresolved++;
            }
            return;
        }
        makeRoom();
        int insertAt = -(find(offset) + 1);
        System.arraycopy(offsets, insertAt, offsets, insertAt + 1, tail - insertAt);
        System.arraycopy(resolved, insertAt, resolved, insertAt + 1, tail - insertAt);
        offsets[insertAt] = offset;
        resolved[insertAt] = false;
        tail++;
        unresolved++;
    }

    /** Ensures the log has room for one more entry: drops resolved entries, and doubles it when it is still over half full. */
    private void makeRoom() {
        if (tail < offsets.length) {
            return;
        }
        int kept = 0;
        for (int i = head; i < tail; i++) {
            if (!resolved[i]) {
                offsets[kept] = offsets[i];
                resolved[kept] = false;
                kept++;
            }
        }
        head = 0;
        tail = kept;
        if (kept > offsets.length / 2) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
            resolved = Arrays.copyOf(resolved, resolved.length * 2);
        }
    }
}
