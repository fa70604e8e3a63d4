package dev.hooklane.delivery.outcome;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.delivery.http.FailureKind;
import dev.hooklane.delivery.http.HttpOutcome;
import dev.hooklane.delivery.job.JobContext;
import dev.hooklane.delivery.metrics.DeliveryMetrics.DeferReason;
import dev.hooklane.delivery.retry.AttemptTrace;
import dev.hooklane.delivery.retry.RetryAfter;
import dev.hooklane.delivery.retry.RetrySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome table of the README as a function, with no side effect: 2xx delivered; 410
 * dead-letters the job (and disables its subscription); 408, 429, 5xx, timeouts, connection errors
 * and the worker's own failures go to the next retry tier, honouring {@code Retry-After}, until
 * the schedule is used up; other 4xx and 3xx retry or dead-letter per the policy; an address the
 * SSRF policy refuses, and a job that cannot be sent at all, are dead-lettered; an open circuit
 * keeps the job's attempt. {@link OutcomeWriter} carries the decision out.
 */
public final class OutcomeDecision {

    /** What other 4xx and 3xx answers lead to. */
    public enum ClientErrorPolicy {
        /** Follow the retry schedule, like a 5xx. */
        RETRY,
        /** Dead-letter at once. */
        DLQ
    }

    private final RetrySchedule schedule;
    private final ClientErrorPolicy clientErrors;

    public OutcomeDecision(RetrySchedule schedule, ClientErrorPolicy clientErrors) {
        this.schedule = schedule;
        this.clientErrors = clientErrors;
    }

    /**
     * After a request, or a refusal of its address before any was sent.
     *
     * @param toSubscription the job has a subscription (a callback job has none to disable)
     * @param started when the request started
     */
    public Outcome afterRequest(JobContext context, boolean toSubscription, HttpOutcome outcome, Instant started, Instant now) {
        return switch (outcome) {
            case HttpOutcome.Response response when response.isSuccess() -> new Outcome.Delivered();
            case HttpOutcome.Response response when response.status() == 410 -> new Outcome.Dead(DeadLetterCause.GONE,
                    toSubscription ? "410 Gone: subscription disabled" : "410 Gone", Optional.empty(), AttemptOutcome.DLQ, false, toSubscription);
            case HttpOutcome.Response response when retryable(response.status()) -> failed(context, "HTTP " + response.status(),
                    Integer.toString(response.status()), RetryAfter.parse(response.retryAfter(), now), started, now);
            case HttpOutcome.Response response -> new Outcome.Dead(DeadLetterCause.CLIENT_ERROR,
                    "HTTP " + response.status() + " (not retried by policy)", Optional.empty(), AttemptOutcome.DLQ, false, false);
            case HttpOutcome.Failure failure when failure.kind() == FailureKind.REFUSED -> new Outcome.Dead(DeadLetterCause.REFUSED,
                    "address refused: " + failure.message(), Optional.of(failure.message()), AttemptOutcome.SKIPPED, false, false);
            case HttpOutcome.Failure failure -> failed(context, failure.kind().wireName() + ": " + failure.message(), failure.kind().wireName(),
                    Optional.empty(), started, now);
        };
    }

    /** After the worker failed on the job unexpectedly: like a failed request, so a passing fault is retried and a lasting one ends. */
    public Outcome afterInternalError(JobContext context, Throwable error, Instant now) {
        return failed(context, FailureKind.INTERNAL.wireName() + ": " + error, FailureKind.INTERNAL.wireName(), Optional.empty(), now, now);
    }

    /**
     * A job whose circuit is open is not sent and keeps its attempt: it waits as the schedule would
     * after a failure, and is dead-lettered once it has been skipped as many times as the schedule
     * has attempts. Only requests use attempts, so an endpoint that fails now and then is not denied
     * its attempts by the circuits its failures open.
     */
    public Outcome afterCircuitOpen(JobContext context, Instant now) {
        int skips = (int) context.trace().results().stream().filter(AttemptTrace.CIRCUIT_OPEN::equals).count();
        AttemptTrace trace = context.trace().plus(AttemptTrace.CIRCUIT_OPEN, now);
        Optional<RetrySchedule.Plan> plan = schedule.afterSkip(context.job().attempt(), skips, now);
        if (plan.isEmpty()) {
            return new Outcome.Dead(DeadLetterCause.EXHAUSTED, "exhausted " + trace.summary(now), Optional.of("circuit open"),
                    AttemptOutcome.SKIPPED, true, false);
        }
        return new Outcome.Skip(plan.get(), trace);
    }

    /** A job that is not sent at all: subscription deleted or disabled, no usable secret or URL, unknown or disabled tenant. */
    public Outcome unsendable(DeadLetterCause cause, String reason) {
        return new Outcome.Dead(cause, reason, Optional.empty(), AttemptOutcome.SKIPPED, false, false);
    }

    /** A job its endpoint had no room for, now or in its queue: it waits about {@code wait} (±20%) in a tier without using an attempt. */
    public Outcome deferral(DeferReason reason, Duration wait, Instant now) {
        return new Outcome.Defer(schedule.deferral(schedule.jittered(wait), now), reason);
    }

    private boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500 || status < 200 || clientErrors == ClientErrorPolicy.RETRY;
    }

    private Outcome failed(JobContext context, String error, String shortResult, Optional<Duration> retryAfter, Instant started, Instant now) {
        AttemptTrace trace = context.trace().plus(shortResult, started);
        Optional<RetrySchedule.Plan> plan = schedule.afterFailure(context.job().attempt(), retryAfter, now);
        if (plan.isEmpty()) {
            return new Outcome.Dead(DeadLetterCause.EXHAUSTED, "exhausted " + trace.summary(now), Optional.of(error), AttemptOutcome.DLQ, true, false);
        }
        return new Outcome.Retry(plan.get(), error + "; next attempt at " + plan.get().dueAt(), trace);
    }
}
