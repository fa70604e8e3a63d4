package dev.hooklane.delivery.endpoint;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many jobs of one partition wait in endpoint queues now. Waiting jobs do not hold their
 * partition's window (only the consumer's budget of the whole topic), so an endpoint that hangs
 * never stops a partition: its queue fills, then its jobs go to a wait tier.
 */
public final class WaitingCount {

    private final AtomicInteger waiting = new AtomicInteger();

    void increment() {
        waiting.incrementAndGet();
    }

    void decrement() {
        waiting.decrementAndGet();
    }

    public int get() {
        return waiting.get();
    }
}
