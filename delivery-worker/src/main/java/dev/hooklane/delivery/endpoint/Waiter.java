package dev.hooklane.delivery.endpoint;

import dev.hooklane.delivery.metrics.DeliveryMetrics.DeferReason;
import java.time.Duration;

/**
 * A job that asks its endpoint for a request. The endpoint answers exactly once, by calling one of
 * {@link #go}, {@link #open} or {@link #defer}: at once, or later when the job waited in the
 * endpoint's queue. Answers come on whatever thread freed the endpoint, never under its lock.
 */
public interface Waiter {

    /** Send now; the permit must be released exactly once, when the request ended. */
    void go(Permit permit);

    /** The endpoint's circuit is open: no request. */
    void open();

    /**
     * No request now, and no room to wait in memory: hand the job to a wait tier.
     *
     * @param wait how long it should wait: about as long as the endpoint's queue takes to drain
     */
    void defer(DeferReason reason, Duration wait);

    /** Whether an older worker reserved the job's rate-limit slot when it deferred it (the job then skips the limit once). */
    boolean ratePaid();

    /** Counts the job while it waits in a queue: the jobs of its partition that wait. */
    WaitingCount waiting();

    /** How a request went, for the circuit breaker. */
    enum Result {
        /** The endpoint answered (any status but 408, 429 and 5xx). */
        ANSWERED,
        /** Timeout, connection error, 408 or 5xx. */
        FAILED,
        /** 429, or no request at all: it counts neither way. */
        NEUTRAL
    }

    /** A granted request slot. */
    interface Permit {
        void release(Result result, Duration took);
    }
}
