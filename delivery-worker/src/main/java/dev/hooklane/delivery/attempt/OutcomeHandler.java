package dev.hooklane.delivery.attempt;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.topic.RetryTier;
import dev.hooklane.delivery.http.HttpOutcome;
import dev.hooklane.delivery.http.WebhookHttpClient;
import dev.hooklane.delivery.lifecycle.FailureTracker;
import dev.hooklane.delivery.lifecycle.OperationalEvents;
import dev.hooklane.delivery.lifecycle.SubscriptionDisabler;
import dev.hooklane.delivery.retry.AttemptTrace;
import dev.hooklane.delivery.retry.RetryAfter;
import dev.hooklane.delivery.retry.RetrySchedule;
import dev.hooklane.delivery.destination.DeliveryTarget;
import dev.hooklane.delivery.destination.TargetResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what becomes of a job after an attempt (or instead of one) and writes it: 2xx delivered;
 * 410 disables the subscription and dead-letters the job; 408, 429, 5xx, timeouts and connection
 * errors go to the next retry tier; other 4xx and 3xx retry or dead-letter per the policy; an
 * address the SSRF policy refuses dead-letters the job; a job out of attempts is dead-lettered with
 * a summary and announced to the tenant.
 */
public final class OutcomeHandler {

    /** What other 4xx and 3xx answers lead to. */
    public enum ClientErrorPolicy {
        /** Follow the retry schedule, like a 5xx. */
        RETRY,
        /** Dead-letter at once. */
        DLQ
    }

    private static final Logger log = LoggerFactory.getLogger(OutcomeHandler.class);

    private final JobWriter writer;
    private final RetrySchedule schedule;
    private final ClientErrorPolicy clientErrors;
    private final FailureTracker failures;
    private final Duration disableAfter;
    private final SubscriptionDisabler disabler;
    private final OperationalEvents events;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public OutcomeHandler(JobWriter writer, RetrySchedule schedule, ClientErrorPolicy clientErrors, FailureTracker failures,
                          Duration disableAfter, SubscriptionDisabler disabler, OperationalEvents events, DeliveryMetrics metrics, Clock clock) {
        this.writer = writer;
        this.schedule = schedule;
        this.clientErrors = clientErrors;
        this.failures = failures;
        this.disableAfter = disableAfter;
        this.disabler = disabler;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    public CompletableFuture<Void> settle(JobContext context, DeliveryTarget target, HttpOutcome outcome, Instant started) {
        DeliveryJob job = context.job();
        return switch (outcome) {
            case HttpOutcome.Response response when response.isSuccess() -> {
                metrics.attempt(AttemptOutcome.SUCCESS, "2xx", response.duration());
                metrics.delivered(Duration.between(job.eventTime(), clock.instant()));
                CompletableFuture<Void> healthy = target.subscription()
                        .map(s -> failures.succeeded(s.id(), started)).orElse(CompletableFuture.completedFuture(null));
                yield CompletableFuture.allOf(healthy, writer.attempt(context, AttemptOutcome.SUCCESS, Optional.of(response.status()),
                        response.duration(), Optional.of(response.excerpt()), Optional.empty(), started));
            }
            case HttpOutcome.Response response when response.status() == 410 && target.subscription().isPresent() -> gone(context, target, response, started);
            case HttpOutcome.Response response when response.status() == 410 -> {
                // A callback URL that is gone: nothing to disable, nothing to retry.
                metrics.attempt(AttemptOutcome.DLQ, "4xx", response.duration());
                yield deadLetter(context, "gone", "410 Gone", Optional.of(410), Optional.empty(), AttemptOutcome.DLQ,
                        Optional.of(response.excerpt()), response.duration(), started);
            }
            case HttpOutcome.Response response when retryable(response.status()) ->
                    failed(context, target, Optional.of(response.status()), RetryAfter.parse(response.retryAfter(), clock.instant()),
                            "HTTP " + response.status(), Integer.toString(response.status()), Optional.of(response.excerpt()), response.duration(), started);
            case HttpOutcome.Response response -> {
                String reason = "HTTP " + response.status() + " (not retried by policy)";
                metrics.attempt(AttemptOutcome.DLQ, DeliveryMetrics.statusClass(response.status()), response.duration());
                yield deadLetter(context, "client_error", reason, Optional.of(response.status()), Optional.empty(), AttemptOutcome.DLQ,
                        Optional.of(response.excerpt()), response.duration(), started);
            }
            case HttpOutcome.Failure failure when WebhookHttpClient.REFUSED.equals(failure.kind()) -> {
                metrics.attempt(AttemptOutcome.SKIPPED, "none", failure.duration());
                yield deadLetter(context, "refused", "address refused: " + failure.message(), Optional.empty(), Optional.of(failure.message()),
                        AttemptOutcome.SKIPPED, Optional.empty(), failure.duration(), started);
            }
            case HttpOutcome.Failure failure -> failed(context, target, Optional.empty(), Optional.empty(),
                    failure.kind() + ": " + failure.message(), failure.kind(), Optional.empty(), failure.duration(), started);
        };
    }

    private boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500 || status < 200 || clientErrors == ClientErrorPolicy.RETRY;
    }

    private CompletableFuture<Void> gone(JobContext context, DeliveryTarget target, HttpOutcome.Response response, Instant started) {
        String reason = "410 Gone: subscription disabled";
        metrics.attempt(AttemptOutcome.DLQ, "4xx", response.duration());
        String id = target.subscription().orElseThrow().id();
        return CompletableFuture.allOf(
                deadLetter(context, "gone", reason, Optional.of(410), Optional.empty(), AttemptOutcome.DLQ, Optional.of(response.excerpt()),
                        response.duration(), started),
                disabler.disable(id, target.subscription().get().url(), "the endpoint answered 410 Gone", "gone", clock.instant()));
    }

    private CompletableFuture<Void> failed(JobContext context, DeliveryTarget target, Optional<Integer> status, Optional<Duration> retryAfter,
                                           String error, String shortResult, Optional<String> excerpt, Duration took, Instant started) {
        DeliveryJob job = context.job();
        Instant now = clock.instant();
        AttemptTrace trace = context.trace().plus(shortResult, started);
        CompletableFuture<Void> health = target.subscription().map(s -> failures.failed(s.id(), s.tenant(), started).thenCompose(failingFor ->
                failingFor.compareTo(disableAfter) >= 0
                        ? disabler.disable(s.id(), s.url(), "the endpoint has failed without a success for more than " + RetryTier.label(disableAfter), "failing", now)
                        : CompletableFuture.<Void>completedFuture(null)))
                .orElse(CompletableFuture.completedFuture(null));
        Optional<RetrySchedule.Plan> plan = schedule.afterFailure(job.attempt(), retryAfter, now);
        String statusClass = status.map(DeliveryMetrics::statusClass).orElse("none");
        if (plan.isEmpty()) {
            metrics.attempt(AttemptOutcome.DLQ, statusClass, took);
            return CompletableFuture.allOf(health, exhausted(context, trace, status, error, excerpt, took, started, AttemptOutcome.DLQ));
        }
        metrics.attempt(AttemptOutcome.RETRY, statusClass, took);
        log.debug("Retrying {} (event {}, subscription {}, attempt {}) at {}: {}", job.jobId(), job.eventId(),
                job.subscriptionId().orElse("-"), job.attempt(), plan.get().dueAt(), error);
        return CompletableFuture.allOf(health,
                writer.attempt(context, AttemptOutcome.RETRY, status, took, excerpt, Optional.of(error + "; next attempt at " + plan.get().dueAt()), started),
                writer.toTier(context, job.nextAttempt(plan.get().dueAt()), plan.get(), trace, false));
    }

    /**
     * A job whose circuit is open is not sent and keeps its attempt: it waits as the schedule would
     * after a failure, and is dead-lettered once it has been skipped as many times as the schedule
     * has attempts. Only requests use attempts, so an endpoint that fails now and then is not denied
     * its attempts by the circuits its failures open.
     */
    public CompletableFuture<Void> circuitOpen(JobContext context, Instant now) {
        DeliveryJob job = context.job();
        int skips = (int) context.trace().results().stream().filter(AttemptTrace.CIRCUIT_OPEN::equals).count();
        AttemptTrace trace = context.trace().plus(AttemptTrace.CIRCUIT_OPEN, now);
        metrics.attempt(AttemptOutcome.SKIPPED, "none", Duration.ZERO);
        Optional<RetrySchedule.Plan> plan = schedule.afterSkip(job.attempt(), skips, now);
        if (plan.isEmpty()) {
            return exhausted(context, trace, Optional.empty(), "circuit open", Optional.empty(), Duration.ZERO, now, AttemptOutcome.SKIPPED);
        }
        return CompletableFuture.allOf(
                writer.attempt(context, AttemptOutcome.SKIPPED, Optional.empty(), Duration.ZERO, Optional.empty(),
                        Optional.of("circuit open, no request sent; attempt " + job.attempt() + " at " + plan.get().dueAt()), now),
                writer.toTier(context, job.postponed(plan.get().dueAt()), plan.get(), trace, false));
    }

    /** A job that is not sent at all (subscription deleted or disabled, bad URL, unknown tenant). */
    public CompletableFuture<Void> unsendable(JobContext context, TargetResolver.Unsendable unsendable, Instant now) {
        DeliveryJob job = context.job();
        metrics.attempt(AttemptOutcome.SKIPPED, "none", Duration.ZERO);
        log.info("Not sending {} (event {}, subscription {}): {}", job.jobId(), job.eventId(), job.subscriptionId().orElse("-"), unsendable.reason());
        if (!unsendable.deadLetter()) {
            return writer.attempt(context, AttemptOutcome.SKIPPED, Optional.empty(), Duration.ZERO, Optional.empty(),
                    Optional.of(unsendable.reason()), now);
        }
        String cause = unsendable.reason().startsWith("subscription disabled") ? "disabled" : "unsendable";
        return deadLetter(context, cause, unsendable.reason(), Optional.empty(), Optional.empty(), AttemptOutcome.SKIPPED, Optional.empty(),
                Duration.ZERO, now);
    }

    private CompletableFuture<Void> exhausted(JobContext context, AttemptTrace trace, Optional<Integer> status, String error,
                                              Optional<String> excerpt, Duration took, Instant started, AttemptOutcome outcome) {
        Instant now = clock.instant();
        String reason = "exhausted " + trace.summary(now);
        DeliveryJob job = context.job();
        return CompletableFuture.allOf(
                deadLetter(context, "exhausted", reason, status, Optional.of(error), outcome, excerpt, took, started),
                events.exhausted(job, reason, status, now));
    }

    private CompletableFuture<Void> deadLetter(JobContext context, String cause, String reason, Optional<Integer> status, Optional<String> error,
                                               AttemptOutcome outcome, Optional<String> excerpt, Duration took, Instant at) {
        DeliveryJob job = context.job();
        metrics.deadLettered(cause);
        log.info("Dead-lettering {} (event {}, subscription {}, attempt {}): {}", job.jobId(), job.eventId(),
                job.subscriptionId().orElse("-"), job.attempt(), reason);
        return CompletableFuture.allOf(
                writer.attempt(context, outcome, status, took, excerpt, Optional.of(error.map(e -> reason + " (" + e + ")").orElse(reason)), at),
                writer.deadLetter(context, reason, status, error, clock.instant()));
    }
}
