package dev.hooklane.delivery.metrics;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.DeadLetterCause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The delivery worker's meters: attempts by outcome and status class, attempt duration, end-to-end
 * latency from event time to a 2xx, requests in flight, deferrals, dead letters, disabled
 * subscriptions and unreadable records ({@link dev.hooklane.delivery.endpoint.Endpoints} has the
 * endpoints' own). Every tag takes a few
 * fixed values. Bind before use.
 */
public final class DeliveryMetrics implements MeterBinder {

    /** The status class of an answer: {@code 2xx} ... {@code 5xx}, or {@code none} without one. */
    public enum StatusClass {
        C2XX, C3XX, C4XX, C5XX, NONE;

        public static StatusClass of(int status) {
            return status >= 200 && status < 600 ? values()[status / 100 - 2] : NONE;
        }

        String tag() {
            return this == NONE ? "none" : name().substring(1).toLowerCase(Locale.ROOT);
        }
    }

    /** Why a job went to a wait tier without an attempt: what its endpoint was waiting on. */
    public enum DeferReason {
        CONCURRENCY, RATE_LIMIT, HALF_OPEN;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why the worker disabled a subscription. */
    public enum DisableCause {
        /** The endpoint answered 410 Gone. */
        GONE,
        /** The endpoint failed without a success for longer than the configured period. */
        FAILING;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<AttemptOutcome, Map<StatusClass, Counter>> attempts = new EnumMap<>(AttemptOutcome.class);
    private final Map<DeferReason, Counter> deferred = new EnumMap<>(DeferReason.class);
    private final Map<DeadLetterCause, Counter> deadLetters = new EnumMap<>(DeadLetterCause.class);
    private final Map<DisableCause, Counter> disabled = new EnumMap<>(DisableCause.class);
    private Counter poison;
    private Timer attemptDuration;
    private Timer endToEnd;

    @Override
    public void bindTo(MeterRegistry registry) {
        poison = Counter.builder("webhook.delivery.poison")
                .description("Records of job topics that could not be read; each went to the dead-letter topic with its bytes").register(registry);
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            Map<StatusClass, Counter> byClass = new EnumMap<>(StatusClass.class);
            for (StatusClass statusClass : StatusClass.values()) {
                byClass.put(statusClass, Counter.builder("webhook.delivery.attempts")
                        .description("Delivery attempts by outcome (success, retry, dlq, skipped) and HTTP status class")
                        .tag("outcome", outcome.wireName()).tag("status_class", statusClass.tag()).register(registry));
            }
            attempts.put(outcome, byClass);
        }
        for (DeferReason reason : DeferReason.values()) {
            deferred.put(reason, Counter.builder("webhook.delivery.deferred")
                    .description("Jobs handed to a wait tier without an attempt: their endpoint's queue was full, or they waited in it too long")
                    .tag("reason", reason.tag()).register(registry));
        }
        for (DeadLetterCause cause : DeadLetterCause.values()) {
            deadLetters.put(cause, Counter.builder("webhook.delivery.dead_letters")
                    .description("Jobs written to the dead-letter topic, by reason").tag("reason", cause.wireName()).register(registry));
        }
        for (DisableCause cause : DisableCause.values()) {
            disabled.put(cause, Counter.builder("webhook.subscription.disabled")
                    .description("Subscriptions the worker asked the subscription API to disable: 410 Gone, or failing for longer than the configured period")
                    .tag("cause", cause.tag()).register(registry));
        }
        attemptDuration = Timer.builder("webhook.delivery.attempt.duration")
                .description("Time from sending a request to the end of its response or failure")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        endToEnd = Timer.builder("webhook.delivery.latency")
                .description("Time from the event's time to its 2xx answer, for delivered jobs")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofDays(2))
                .register(registry);
        Gauge.builder("webhook.delivery.in_flight", inFlight, AtomicInteger::get)
                .description("Requests being sent or answered now").register(registry);
    }

    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    public void requestEnded() {
        inFlight.decrementAndGet();
    }

    public void attempt(AttemptOutcome outcome, StatusClass statusClass, Duration took, boolean requestSent) {
        attempts.get(outcome).get(statusClass).increment();
        if (requestSent) {
            attemptDuration.record(took.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    public void delivered(Duration sinceEvent) {
        endToEnd.record(Math.max(0, sinceEvent.toNanos()), TimeUnit.NANOSECONDS);
    }

    public void deferred(DeferReason reason) {
        deferred.get(reason).increment();
    }

    public void deadLettered(DeadLetterCause cause) {
        deadLetters.get(cause).increment();
    }

    public void subscriptionDisabled(DisableCause cause) {
        disabled.get(cause).increment();
    }

    /** A record of a job topic that could not be read. */
    public void poison() {
        poison.increment();
    }
}
