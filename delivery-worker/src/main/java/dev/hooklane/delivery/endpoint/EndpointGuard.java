package dev.hooklane.delivery.endpoint;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-endpoint isolation: a concurrency limit, a token-bucket rate limit (Bucket4j) and a circuit
 * breaker (Resilience4j) for each endpoint (a subscription, or a callback host). A job that may not
 * go now is deferred rather than parked, so a slow endpoint never fills a partition's window; a job
 * for an open circuit moves to its next attempt without a request. State is in memory, per worker;
 * idle endpoints are forgotten.
 */
public final class EndpointGuard {

    /**
     * The limits of one endpoint.
     *
     * @param concurrency requests in flight at once
     * @param ratePerSecond requests per second; 0 for no limit
     */
    public record Limits(int concurrency, int ratePerSecond) {
    }

    /**
     * @param failuresToOpen consecutive failures that open a circuit
     * @param openFor how long a circuit stays open before one probe may go
     * @param busyWait how long a job waits when the endpoint is at its concurrency or probing
     * @param rateHorizon the furthest a rate-limited job's slot is reserved ahead; beyond it the job
     *     comes back after this long and asks again
     */
    public record Settings(int failuresToOpen, Duration openFor, Duration busyWait, Duration rateHorizon) {
    }

    private static final Duration IDLE = Duration.ofMinutes(10);

    private final Settings settings;
    private final CircuitBreakerConfig breakerConfig;
    private final Map<String, State> endpoints = new ConcurrentHashMap<>();

    public EndpointGuard(Settings settings) {
        this.settings = settings;
        this.breakerConfig = CircuitBreakerConfig.custom()
                // The last N calls all failed = N consecutive failures.
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.failuresToOpen())
                .minimumNumberOfCalls(settings.failuresToOpen())
                .failureRateThreshold(100)
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordExceptions(Throwable.class)
                .build();
    }

    private final class State {
        final CircuitBreaker breaker;
        final AtomicInteger inFlight = new AtomicInteger();
        volatile Bucket bucket;
        volatile int rate;
        volatile long lastUsed = System.nanoTime();

        State(String endpoint) {
            this.breaker = CircuitBreaker.of(endpoint, breakerConfig);
        }

        Bucket bucket(int ratePerSecond) {
            if (ratePerSecond != rate || (ratePerSecond > 0 && bucket == null)) {
                rate = ratePerSecond;
                bucket = ratePerSecond <= 0 ? null : Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(ratePerSecond).refillGreedy(ratePerSecond, Duration.ofSeconds(1)).build())
                        .build();
            }
            return bucket;
        }
    }

    /**
     * Asks to send one job to {@code endpoint} now.
     *
     * @param ratePaid the job's rate-limit slot was reserved when it was deferred
     */
    public Admission admit(String endpoint, Limits limits, boolean ratePaid) {
        State state = endpoints.computeIfAbsent(endpoint, State::new);
        state.lastUsed = System.nanoTime();
        if (!state.breaker.tryAcquirePermission()) {
            return state.breaker.getState() == CircuitBreaker.State.HALF_OPEN
                    ? new Admission.Defer(settings.busyWait(), "half_open", false) : new Admission.Open();
        }
        if (state.inFlight.incrementAndGet() > limits.concurrency()) {
            state.inFlight.decrementAndGet();
            state.breaker.releasePermission();
            return new Admission.Defer(settings.busyWait(), "concurrency", false);
        }
        Bucket bucket = state.bucket(limits.ratePerSecond());
        if (bucket != null && !ratePaid) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                state.inFlight.decrementAndGet();
                state.breaker.releasePermission();
                if (probe.getNanosToWaitForRefill() <= settings.rateHorizon().toNanos()) {
                    long wait = bucket.consumeIgnoringRateLimits(1);
                    return new Admission.Defer(Duration.ofNanos(Math.max(wait, probe.getNanosToWaitForRefill())), "rate_limit", true);
                }
                return new Admission.Defer(settings.rateHorizon(), "rate_limit", false);
            }
        }
        return new Admission.Go((result, took) -> {
            state.inFlight.decrementAndGet();
            state.lastUsed = System.nanoTime();
            switch (result) {
                case ANSWERED -> state.breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
                case FAILED -> state.breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, new EndpointFailed());
                case NEUTRAL -> state.breaker.releasePermission();
            }
        });
    }

    /** Endpoints whose circuit is open or half-open now. */
    public int openCircuits() {
        return (int) endpoints.values().stream().filter(state -> state.breaker.getState() != CircuitBreaker.State.CLOSED).count();
    }

    /** Forgets endpoints with nothing in flight, a closed circuit and no use for a while. */
    public void forgetIdle() {
        long cutoff = System.nanoTime() - IDLE.toNanos();
        endpoints.values().removeIf(state -> state.inFlight.get() == 0 && state.lastUsed < cutoff
                && state.breaker.getState() == CircuitBreaker.State.CLOSED);
    }

    /** The breaker's view of a failed request; carries no stack, it is never thrown. */
    private static final class EndpointFailed extends Exception {
        private static final long serialVersionUID = 1L;

        EndpointFailed() {
            super("endpoint failed", null, false, false);
        }
    }
}
