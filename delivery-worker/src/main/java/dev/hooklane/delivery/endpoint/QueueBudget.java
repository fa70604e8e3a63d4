package dev.hooklane.delivery.endpoint;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many jobs of one partition may wait in endpoint queues at once. The partition's window
 * counts waiting jobs as in flight, so without this bound endpoints that hang could fill the window
 * with waiting jobs and stall the partition's other endpoints.
 */
public final class QueueBudget {

    private final AtomicInteger waiting = new AtomicInteger();
    private final int limit;

    public QueueBudget(int limit) {
        this.limit = limit;
    }

    boolean tryTake() {
        while (true) {
            int now = waiting.get();
            if (now >= limit) {
                return false;
            }
            if (waiting.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void give() {
        waiting.decrementAndGet();
    }

    public int waiting() {
        return waiting.get();
    }
}
