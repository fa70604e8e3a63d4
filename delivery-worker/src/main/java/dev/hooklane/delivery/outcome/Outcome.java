package dev.hooklane.delivery.outcome;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.delivery.metrics.DeliveryMetrics.DeferReason;
import dev.hooklane.delivery.retry.AttemptTrace;
import dev.hooklane.delivery.retry.RetrySchedule;
import java.util.Optional;

/** What becomes of a job after an attempt, or instead of one: the decision, before anything is written. */
public sealed interface Outcome {

    /** The receiver answered 2xx. */
    record Delivered() implements Outcome {
    }

    /**
     * The attempt failed; the job goes to a retry tier as its next attempt.
     *
     * @param error what failed, for the attempt record
     * @param trace the job's results including this one
     */
    record Retry(RetrySchedule.Plan plan, String error, AttemptTrace trace) implements Outcome {
    }

    /** The endpoint's circuit is open: no request, the job keeps its attempt and waits in a tier. */
    record Skip(RetrySchedule.Plan plan, AttemptTrace trace) implements Outcome {
    }

    /** The endpoint had no room now, nor its queue: the job waits in a tier without using an attempt, and without an attempt record. */
    record Defer(RetrySchedule.Plan plan, DeferReason reason) implements Outcome {
    }

    /**
     * The job is dead-lettered.
     *
     * @param error the last transport or internal error, if any
     * @param recorded the outcome its attempt record shows ({@code dlq} after a request, {@code skipped} without one)
     * @param announce the tenant is told with a {@code webhook.delivery.exhausted} event
     * @param disableSubscription the subscription is disabled (410 Gone)
     */
    record Dead(DeadLetterCause cause, String reason, Optional<String> error, AttemptOutcome recorded, boolean announce, boolean disableSubscription)
            implements Outcome {
    }
}
