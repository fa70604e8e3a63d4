package dev.hooklane.subscriptions.attempts;

import dev.hooklane.contracts.delivery.AttemptRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attempts in memory, indexed per subscription and per event, within two bounds: the newest N per
 * subscription, and an estimated byte budget over all (the oldest are forgotten first). Thread-safe.
 */
final class AttemptIndex {

    /** Attempts ordered newest first: by attempt time, then by arrival. */
    static final Comparator<Entry> NEWEST_FIRST = Comparator.comparingLong((Entry e) -> e.record.attemptedAt().toEpochMilli())
            .thenComparingLong(e -> e.seq).reversed();

    static final class Entry {
        final long seq;
        final AttemptRecord record;
        final int bytes;
        boolean removed;

        Entry(long seq, AttemptRecord record) {
            this.seq = seq;
            this.record = record;
            this.bytes = estimate(record);
        }
    }

    private final long maxBytes;
    private final int perSubscription;
    private final ArrayDeque<Entry> arrivals = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Entry>> bySubscription = new HashMap<>();
    private final Map<String, ArrayDeque<Entry>> byEvent = new HashMap<>();
    private long bytes;
    private long seq;
    private int removedInArrivals;

    AttemptIndex(long maxBytes, int perSubscription) {
        this.maxBytes = maxBytes;
        this.perSubscription = perSubscription;
    }

    synchronized void add(AttemptRecord record) {
        Entry entry = new Entry(seq++, record);
        arrivals.addLast(entry);
        bytes += entry.bytes;
        byEvent.computeIfAbsent(eventKey(record.tenant(), record.eventId()), k -> new ArrayDeque<>()).addLast(entry);
        record.subscriptionId().ifPresent(id -> {
            ArrayDeque<Entry> mine = bySubscription.computeIfAbsent(id, k -> new ArrayDeque<>());
            mine.addLast(entry);
            if (mine.size() > perSubscription) {
                remove(mine.pollFirst());
                removedInArrivals++;
            }
        });
        while (bytes > maxBytes && !arrivals.isEmpty()) {
            Entry oldest = arrivals.pollFirst();
            if (oldest.removed) {
                removedInArrivals--;
            } else {
                remove(oldest);
                oldest.record.subscriptionId().ifPresent(id -> drop(bySubscription, id, oldest));
            }
        }
        if (removedInArrivals > arrivals.size() / 2 + 1024) {
            arrivals.removeIf(e -> e.removed);
            removedInArrivals = 0;
        }
    }

    private void remove(Entry entry) {
        entry.removed = true;
        bytes -= entry.bytes;
        drop(byEvent, eventKey(entry.record.tenant(), entry.record.eventId()), entry);
    }

    private static void drop(Map<String, ArrayDeque<Entry>> index, String key, Entry entry) {
        ArrayDeque<Entry> entries = index.get(key);
        if (entries != null) {
            entries.remove(entry);
            if (entries.isEmpty()) {
                index.remove(key);
            }
        }
    }

    synchronized List<Entry> ofSubscription(String subscriptionId) {
        return sorted(bySubscription.get(subscriptionId));
    }

    synchronized List<Entry> ofEvent(String tenant, String eventId) {
        return sorted(byEvent.get(eventKey(tenant, eventId)));
    }

    /** The tenant of a subscription's known attempts, for subscriptions deleted since. */
    synchronized Optional<String> tenantOfSubscription(String subscriptionId) {
        ArrayDeque<Entry> entries = bySubscription.get(subscriptionId);
        return entries == null || entries.isEmpty() ? Optional.empty() : Optional.of(entries.peekLast().record.tenant());
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return arrivals.size() - removedInArrivals;
    }

    private static List<Entry> sorted(ArrayDeque<Entry> entries) {
        if (entries == null) {
            return List.of();
        }
        List<Entry> copy = new ArrayList<>(entries);
        copy.sort(NEWEST_FIRST);
        return copy;
    }

    private static String eventKey(String tenant, String eventId) {
        return tenant + '\u0000' + eventId;
    }

    /** Rough heap cost: the object graph plus two bytes per character of text. */
    static int estimate(AttemptRecord record) {
        int chars = record.jobId().length() + record.eventId().length() + record.tenant().length()
                + record.subscriptionId().map(String::length).orElse(0)
                + record.responseExcerpt().map(String::length).orElse(0) + record.error().map(String::length).orElse(0);
        return 400 + 2 * chars;
    }
}
