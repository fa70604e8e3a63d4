package dev.hooklane.delivery.outcome;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.RetryTier;
import dev.hooklane.delivery.http.HttpOutcome;
import dev.hooklane.delivery.job.JobContext;
import dev.hooklane.delivery.lifecycle.FailureTracker;
import dev.hooklane.delivery.lifecycle.OperationalEvents;
import dev.hooklane.delivery.lifecycle.SubscriptionDisabler;
import dev.hooklane.delivery.metrics.DeliveryMetrics;
import dev.hooklane.delivery.metrics.DeliveryMetrics.DisableCause;
import dev.hooklane.delivery.metrics.DeliveryMetrics.StatusClass;
import dev.hooklane.delivery.write.JobWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out an {@link Outcome}: the attempt record, the job's next topic (a retry tier or the
 * dead-letter topic), the meters, the endpoint's failure history, the disabling of a gone or
 * failing subscription and the tenant's operational events. The returned future completes once
 * every record written for the job is acknowledged, so the job's offset may then be committed.
 */
public final class OutcomeWriter {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** What the request (if any) came to, for the records. */
    public record Attempted(Optional<HttpOutcome> http, Instant started) {

        public static Attempted none(Instant at) {
            return new Attempted(Optional.empty(), at);
        }

        public static Attempted request(HttpOutcome http, Instant started) {
            return new Attempted(Optional.of(http), started);
        }

        Optional<Integer> status() {
            return http.filter(HttpOutcome.Response.class::isInstance).map(r -> ((HttpOutcome.Response) r).status());
        }

        Optional<String> excerpt() {
            return http.filter(HttpOutcome.Response.class::isInstance).map(r -> ((HttpOutcome.Response) r).excerpt());
        }

        Duration took() {
            return http.map(HttpOutcome::duration).orElse(Duration.ZERO);
        }

        StatusClass statusClass() {
            return status().map(StatusClass::of).orElse(StatusClass.NONE);
        }

        /** A request reached the network (an address refused by the SSRF policy never did). */
        boolean sent() {
            return http.isPresent() && !(http.get() instanceof HttpOutcome.Failure failure
                    && failure.kind() == dev.hooklane.delivery.http.FailureKind.REFUSED);
        }
    }

    private final JobWriter writer;
    private final FailureTracker failures;
    private final Duration disableAfter;
    private final SubscriptionDisabler disabler;
    private final OperationalEvents events;
    private final DeliveryMetrics metrics;
    private final Executor follow;
    private final Clock clock;

    /**
     * @param follow runs writes that follow an acknowledged write, off the producer's I/O thread
     */
    public OutcomeWriter(JobWriter writer, FailureTracker failures, Duration disableAfter, SubscriptionDisabler disabler, OperationalEvents events,
                         DeliveryMetrics metrics, Executor follow, Clock clock) {
        this.writer = writer;
        this.failures = failures;
        this.disableAfter = disableAfter;
        this.disabler = disabler;
        this.events = events;
        this.metrics = metrics;
        this.follow = follow;
        this.clock = clock;
    }

    /**
     * @param subscription the job's subscription as it was attempted, if it has one
     */
    public CompletableFuture<Void> carryOut(JobContext context, Outcome outcome, Optional<Subscription> subscription, Attempted attempted) {
        DeliveryJob job = context.job();
        return switch (outcome) {
            case Outcome.Delivered delivered -> {
                metrics.attempt(AttemptOutcome.SUCCESS, attempted.statusClass(), attempted.took(), true);
                metrics.delivered(Duration.between(job.eventTime(), clock.instant()));
                CompletableFuture<Void> recorded = writer.attempt(context, AttemptOutcome.SUCCESS, attempted.status(), attempted.took(),
                        attempted.excerpt(), Optional.empty(), attempted.started());
                yield subscription.map(s -> CompletableFuture.allOf(recorded, failures.succeeded(s.id(), attempted.started()))).orElse(recorded);
            }
            case Outcome.Retry retry -> {
                metrics.attempt(AttemptOutcome.RETRY, attempted.statusClass(), attempted.took(), attempted.sent());
                log.debug("Retrying {} (event {}, subscription {}, attempt {}) at {}: {}", job.jobId(), job.eventId(),
                        job.subscriptionId().orElse("-"), job.attempt(), retry.plan().dueAt(), retry.error());
                yield CompletableFuture.allOf(failing(subscription, attempted),
                        writer.attempt(context, AttemptOutcome.RETRY, attempted.status(), attempted.took(), attempted.excerpt(),
                                Optional.of(retry.error()), attempted.started()),
                        writer.toTier(context, job.nextAttempt(retry.plan().dueAt()), retry.plan(), retry.trace()));
            }
            case Outcome.Skip skip -> {
                metrics.attempt(AttemptOutcome.SKIPPED, StatusClass.NONE, Duration.ZERO, false);
                yield CompletableFuture.allOf(
                        writer.attempt(context, AttemptOutcome.SKIPPED, Optional.empty(), Duration.ZERO, Optional.empty(),
                                Optional.of("circuit open, no request sent; attempt " + job.attempt() + " at " + skip.plan().dueAt()),
                                attempted.started()),
                        writer.toTier(context, job.postponed(skip.plan().dueAt()), skip.plan(), skip.trace()));
            }
            case Outcome.Defer defer -> {
                metrics.deferred(defer.reason());
                yield writer.toTier(context, job.postponed(defer.plan().dueAt()), defer.plan(), context.trace());
            }
            case Outcome.Dead dead -> deadLetter(context, dead, subscription, attempted);
        };
    }

    private CompletableFuture<Void> deadLetter(JobContext context, Outcome.Dead dead, Optional<Subscription> subscription, Attempted attempted) {
        DeliveryJob job = context.job();
        Instant now = clock.instant();
        metrics.attempt(dead.recorded(), attempted.statusClass(), attempted.took(), attempted.sent());
        metrics.deadLettered(dead.cause());
        log.info("Dead-lettering {} (event {}, subscription {}, attempt {}): {}", job.jobId(), job.eventId(), job.subscriptionId().orElse("-"),
                job.attempt(), dead.reason());
        String recordedError = dead.error().map(error -> dead.reason() + " (" + error + ")").orElse(dead.reason());
        CompletableFuture<Void> written = CompletableFuture.allOf(
                writer.attempt(context, dead.recorded(), attempted.status(), attempted.took(), attempted.excerpt(), Optional.of(recordedError),
                        attempted.started()),
                writer.deadLetter(context, context.trace(), dead.cause(), dead.reason(), attempted.status(), dead.error(), now));
        CompletableFuture<Void> announced = dead.announce() ? events.exhausted(job, dead.reason(), attempted.status(), now) : DONE;
        CompletableFuture<Void> disabled = dead.disableSubscription() && subscription.isPresent()
                ? disabler.disable(subscription.get().id(), subscription.get().url(), "the endpoint answered 410 Gone", DisableCause.GONE, now)
                : DONE;
        CompletableFuture<Void> health = dead.cause() == DeadLetterCause.EXHAUSTED && attempted.sent() ? failing(subscription, attempted) : DONE;
        return CompletableFuture.allOf(written, announced, disabled, health);
    }

    /** Records a failed request against the subscription's endpoint, and disables one failing for too long. */
    private CompletableFuture<Void> failing(Optional<Subscription> subscription, Attempted attempted) {
        if (subscription.isEmpty() || !attempted.sent()) {
            return DONE;
        }
        Subscription s = subscription.get();
        return failures.failed(s.id(), s.tenant(), attempted.started()).thenComposeAsync(failingFor -> failingFor.compareTo(disableAfter) >= 0
                ? disabler.disable(s.id(), s.url(), "the endpoint has failed without a success for more than " + RetryTier.label(disableAfter),
                        DisableCause.FAILING, clock.instant())
                : DONE, follow);
    }
}
