package dev.hooklane.delivery.attempt;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The delivery worker's meters: attempts by outcome and status class, attempt duration, end-to-end
 * latency from event time to a 2xx, jobs in flight, deferrals, dead letters, disabled
 * subscriptions and open circuits. Every tag takes a few fixed values. Bind before use.
 */
public final class DeliveryMetrics implements MeterBinder {

    static final String[] STATUS_CLASSES = {"2xx", "3xx", "4xx", "5xx", "none"};
    /** Why a job waited without using an attempt. */
    public static final List<String> DEFER_REASONS = List.of("concurrency", "rate_limit", "half_open");
    /** Why a job was dead-lettered. */
    public static final List<String> DEAD_LETTER_REASONS = List.of("exhausted", "gone", "disabled", "client_error", "refused", "unsendable");
    /** Why the worker disabled a subscription. */
    public static final List<String> DISABLE_CAUSES = List.of("gone", "failing");

    private final AtomicInteger inFlight = new AtomicInteger();
    private final IntSupplier openCircuits;
    private final Map<AttemptOutcome, Map<String, Counter>> attempts = new EnumMap<>(AttemptOutcome.class);
    private final Map<String, Counter> deferred = new HashMap<>();
    private final Map<String, Counter> deadLetters = new HashMap<>();
    private final Map<String, Counter> disabled = new HashMap<>();
    private Counter poison;
    private Timer attemptDuration;
    private Timer endToEnd;

    public DeliveryMetrics(IntSupplier openCircuits) {
        this.openCircuits = openCircuits;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        poison = Counter.builder("webhook.delivery.poison")
                .description("Records of job topics that could not be read and were skipped").register(registry);
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            Map<String, Counter> byClass = new HashMap<>();
            for (String statusClass : STATUS_CLASSES) {
                byClass.put(statusClass, Counter.builder("webhook.delivery.attempts")
                        .description("Delivery attempts by outcome (success, retry, dlq, skipped) and HTTP status class")
                        .tag("outcome", outcome.wireName()).tag("status_class", statusClass).register(registry));
            }
            attempts.put(outcome, byClass);
        }
        DEFER_REASONS.forEach(reason -> deferred.put(reason, Counter.builder("webhook.delivery.deferred")
                .description("Jobs handed to a wait tier without an attempt: endpoint at its concurrency or rate limit, or probing")
                .tag("reason", reason).register(registry)));
        DEAD_LETTER_REASONS.forEach(reason -> deadLetters.put(reason, Counter.builder("webhook.delivery.dead_letters")
                .description("Jobs written to the dead-letter topic, by reason").tag("reason", reason).register(registry)));
        DISABLE_CAUSES.forEach(cause -> disabled.put(cause, Counter.builder("webhook.subscription.disabled")
                .description("Subscriptions disabled by the worker: 410 Gone, or failing for longer than the configured period")
                .tag("cause", cause).register(registry)));
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
        Gauge.builder("webhook.endpoint.circuits_open", openCircuits, IntSupplier::getAsInt)
                .description("Endpoints whose circuit breaker is open or half-open on this worker").register(registry);
    }

    /** Counts a request in flight until the returned future completes. */
    public <T> CompletableFuture<T> inFlight(Supplier<CompletableFuture<T>> work) {
        inFlight.incrementAndGet();
        try {
            return work.get().whenComplete((result, error) -> inFlight.decrementAndGet());
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    public void attempt(AttemptOutcome outcome, String statusClass, Duration took) {
        attempts.get(outcome).get(statusClass).increment();
        if (outcome != AttemptOutcome.SKIPPED) {
            attemptDuration.record(took);
        }
    }

    public void delivered(Duration sinceEvent) {
        endToEnd.record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }

    public void deferred(String reason) {
        deferred.get(reason).increment();
    }

    public void deadLettered(String reason) {
        deadLetters.get(reason).increment();
    }

    public void subscriptionDisabled(String cause) {
        disabled.get(cause).increment();
    }

    /** A record of a job topic that could not be read. */
    public void poison() {
        poison.increment();
    }

    public static String statusClass(int status) {
        return status >= 200 && status < 600 ? (status / 100) + "xx" : "none";
    }
}
