package dev.hooklane.delivery.endpoint;

import java.time.Duration;

/** What an endpoint's guard says about sending one job now. */
public sealed interface Admission {

    /** Send it; report how it went through the permit. */
    record Go(Permit permit) implements Admission {
    }

    /**
     * Not now: the job waits {@code delay} without using an attempt.
     *
     * @param reason {@code concurrency}, {@code rate_limit} or {@code half_open}, also a metric tag
     * @param rateReserved the job's send slot is paid for; it skips the rate limit when it comes back
     */
    record Defer(Duration delay, String reason, boolean rateReserved) implements Admission {
    }

    /** The endpoint's circuit is open: the job moves to its next attempt without a request. */
    record Open() implements Admission {
    }

    /** How a request went, for the circuit breaker. */
    enum Result {
        /** The endpoint answered (any status but 408, 429 and 5xx). */
        ANSWERED,
        /** Timeout, connection error, 408 or 5xx. */
        FAILED,
        /** 429: the endpoint is alive but asks for less; it counts neither way. */
        NEUTRAL
    }

    /** A granted slot; {@link #done} must be called exactly once. */
    interface Permit {
        void done(Result result, Duration took);
    }
}
