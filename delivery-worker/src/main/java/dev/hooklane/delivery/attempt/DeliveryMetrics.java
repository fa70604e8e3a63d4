package dev.hooklane.delivery.attempt;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivery attempts by outcome and status class, attempt duration, end-to-end latency from event
 * time to a 2xx, and jobs in flight. Bind before use.
 */
public final class DeliveryMetrics implements MeterBinder {

    static final String[] STATUS_CLASSES = {"2xx", "3xx", "4xx", "5xx", "none"};

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<AttemptOutcome, Map<String, Counter>> attempts = new EnumMap<>(AttemptOutcome.class);
    private Counter poison;
    private Timer attemptDuration;
    private Timer endToEnd;

    @Override
    public void bindTo(MeterRegistry registry) {
        poison = Counter.builder("webhook.delivery.poison")
                .description("Records of job topics that could not be read and were skipped").register(registry);
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            Map<String, Counter> byClass = new java.util.HashMap<>();
            for (String statusClass : STATUS_CLASSES) {
                byClass.put(statusClass, Counter.builder("webhook.delivery.attempts")
                        .description("Delivery attempts by outcome (success, retry, dlq, skipped) and HTTP status class")
                        .tag("outcome", outcome.wireName()).tag("status_class", statusClass).register(registry));
            }
            attempts.put(outcome, byClass);
        }
        attemptDuration = Timer.builder("webhook.delivery.attempt.duration")
                .description("Time from sending a request to the end of its response or failure")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        endToEnd = Timer.builder("webhook.delivery.latency")
                .description("Time from the event's time to its 2xx answer, for delivered jobs")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofDays(2))
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("webhook.delivery.in_flight", inFlight, AtomicInteger::get)
                .description("Jobs being attempted or handed on now").register(registry);
    }

    /** Counts a job in flight until the returned future completes. */
    public <T> java.util.concurrent.CompletableFuture<T> inFlight(java.util.function.Supplier<java.util.concurrent.CompletableFuture<T>> work) {
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

    /** A record of a job topic that could not be read. */
    public void poison() {
        poison.increment();
    }

    public static String statusClass(int status) {
        return status >= 200 && status < 600 ? (status / 100) + "xx" : "none";
    }
}
