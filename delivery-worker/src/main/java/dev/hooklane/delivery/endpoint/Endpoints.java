package dev.hooklane.delivery.endpoint;

import dev.hooklane.delivery.metrics.DeliveryMetrics.DeferReason;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Per-endpoint isolation: for each endpoint (a subscription, or a callback host) a concurrency
 * limit, a token-bucket rate limit (Bucket4j), a circuit breaker (Resilience4j) and a bounded
 * queue in memory. A job that may not go now waits in its endpoint's queue and goes as soon as a
 * permit frees or a token refills, in arrival order. Only when the queue is full, or the job
 * waited longer than the limit, or all queues together are crowded and this one does not drain,
 * is it deferred to a wait tier; a job for an open circuit is told
 * so at once. Waiting jobs are counted per partition ({@link WaitingCount}): they do not hold the
 * partition's window, so an endpoint that hangs fills its own queue, not its partition. State is in memory, per worker; idle
 * endpoints are forgotten. Its meters: open circuits, jobs waiting, and how long they waited.
 */
public final class Endpoints implements MeterBinder {

    /**
     * @param failuresToOpen consecutive failures that open a circuit
     * @param openFor how long a circuit stays open before one probe may go
     * @param busyWait the shortest a deferred job waits in its tier before it asks again
     * @param longestWait the longest a deferred job waits: the time its endpoint's queue needs to
     *     drain, at the pace the endpoint takes jobs, but no longer than this
     * @param queueCapacity jobs that may wait in one endpoint's queue
     * @param maxQueueWait the longest a job waits in a queue before it is deferred
     * @param crowded jobs waiting in all queues together from which a queue that does not drain
     *     takes no more: below the budget of the topic they were read from, so that endpoints that
     *     hang cannot fill it and stop the reading for every endpoint
     */
    public record Settings(int failuresToOpen, Duration openFor, Duration busyWait, Duration longestWait, int queueCapacity,
                           Duration maxQueueWait, int crowded) {
    }

    private static final Duration IDLE = Duration.ofMinutes(10);
    /** A queue whose endpoint has started no request for this long does not drain. */
    static final Duration NOT_DRAINING = Duration.ofSeconds(1);

    private final Settings settings;
    private final CircuitBreakerConfig breakerConfig;
    private final ScheduledExecutorService timer;
    private volatile Timer queueWait;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final LongSupplier clock;

    /**
     * @param timer wakes endpoints whose rate limit refills
     */
    public Endpoints(Settings settings, ScheduledExecutorService timer) {
        this(settings, timer, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()}: how long jobs waited and when endpoints last started a request */
    Endpoints(Settings settings, ScheduledExecutorService timer, LongSupplier clock) {
        this.settings = settings;
        this.timer = timer;
        this.clock = clock;
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

    @Override
    public void bindTo(MeterRegistry registry) {
        queueWait = Timer.builder("webhook.endpoint.queue.wait")
                .description("How long jobs waited in memory for their endpoint's concurrency or rate limit before their request")
                .register(registry);
        Gauge.builder("webhook.endpoint.circuits_open", this, Endpoints::openCircuits)
                .description("Endpoints whose circuit breaker is open or half-open on this worker").register(registry);
        Gauge.builder("webhook.endpoint.queued", queued, AtomicInteger::get)
                .description("Jobs waiting in memory for their endpoint's concurrency or rate limit").register(registry);
    }

    /** Asks for a request to {@code endpoint}; {@code waiter} is answered exactly once, perhaps before this returns. */
    public void submit(String endpoint, EndpointLimits limits, Waiter waiter) {
        endpoints.computeIfAbsent(endpoint, Endpoint::new).submit(limits, waiter);
    }

    /**
     * Defers the jobs that waited in a queue longer than allowed, and, while the queues are
     * crowded, every job waiting for an endpoint whose queue does not drain.
     */
    public void expireWaiting() {
        long now = clock.getAsLong();
        long cutoff = now - settings.maxQueueWait().toNanos();
        endpoints.values().forEach(endpoint -> endpoint.expire(cutoff, now));
    }

    /** Endpoints whose circuit is open or half-open now. */
    public int openCircuits() {
        return (int) endpoints.values().stream().filter(endpoint -> endpoint.breaker.getState() != CircuitBreaker.State.CLOSED).count();
    }

    /** Jobs waiting in endpoint queues now. */
    public int queued() {
        return queued.get();
    }

    /** Forgets endpoints with nothing in flight or waiting, a closed circuit and no use for a while. */
    public void forgetIdle() {
        long cutoff = clock.getAsLong() - IDLE.toNanos();
        endpoints.values().removeIf(endpoint -> endpoint.idleSince(cutoff));
    }

    /** What to tell a waiter, decided under the endpoint's lock and told outside it. */
    private sealed interface Answer {
        Waiter waiter();

        default void tell() {
            if (this instanceof Go go) {
                go.waiter().go(go.permit());
            } else if (this instanceof Defer defer) {
                defer.waiter().defer(defer.reason(), defer.delay());
            } else {
                waiter().open();
            }
        }
    }

    private record Go(Waiter waiter, Waiter.Permit permit) implements Answer {
    }

    private record Open(Waiter waiter) implements Answer {
    }

    private record Defer(Waiter waiter, DeferReason reason, Duration delay) implements Answer {
    }

    private record Queued(Waiter waiter, long since) {
    }

    private final class Endpoint {
        private final CircuitBreaker breaker;
        private final ArrayDeque<Queued> queue = new ArrayDeque<>();
        private int concurrency = 1;
        private int inFlight;
        private Bucket bucket;
        private int rate;
        private boolean wakeupScheduled;
        /** Requests started since the last tick, and the pace at which the endpoint takes jobs (per second, smoothed). */
        private int startedSinceTick;
        private double pace;
        private long lastTick = clock.getAsLong();
        private long lastStart = lastTick;
        private volatile long lastUsed = lastTick;

        Endpoint(String name) {
            this.breaker = CircuitBreaker.of(name, breakerConfig);
        }

        void submit(EndpointLimits limits, Waiter waiter) {
            List<Answer> answers = new ArrayList<>(1);
            synchronized (this) {
                long now = clock.getAsLong();
                lastUsed = now;
                apply(limits);
                if (queue.isEmpty()) {
                    Answer started = tryStart(waiter, now);
                    if (started != null) {
                        answers.add(started);
                    } else {
                        enqueueOrDefer(waiter, answers, now);
                    }
                } else {
                    // Others wait already: this one waits behind them.
                    enqueueOrDefer(waiter, answers, now);
                }
            }
            answers.forEach(Answer::tell);
        }

        private void apply(EndpointLimits limits) {
            concurrency = limits.concurrency();
            if (limits.ratePerSecond() != rate || (limits.ratePerSecond() > 0 && bucket == null)) {
                rate = limits.ratePerSecond();
                bucket = rate <= 0 ? null : Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)).build())
                        .build();
            }
        }

        /** A request slot for {@code waiter} now, an open circuit, or null when it has to wait. Under the lock. */
        private Answer tryStart(Waiter waiter, long now) {
            if (inFlight >= concurrency) {
                return null;
            }
            if (!breaker.tryAcquirePermission()) {
                return breaker.getState() == CircuitBreaker.State.HALF_OPEN ? null : new Open(waiter);
            }
            if (bucket != null && !waiter.ratePaid()) {
                ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
                if (!probe.isConsumed()) {
                    breaker.releasePermission();
                    scheduleWakeup(probe.getNanosToWaitForRefill());
                    return null;
                }
            }
            inFlight++;
            startedSinceTick++;
            lastStart = now;
            return new Go(waiter, this::release);
        }

        private void enqueueOrDefer(Waiter waiter, List<Answer> answers, long now) {
            if (queue.size() < settings.queueCapacity() && (queued.get() < settings.crowded() || draining(now))) {
                queue.add(new Queued(waiter, now));
                queued.incrementAndGet();
                waiter.waiting().increment();
                return;
            }
            answers.add(deferral(waiter));
        }

        /**
         * Whether the queue moves: it is empty, or the endpoint started a request within
         * {@link #NOT_DRAINING}. A slow endpoint still starts requests as its answers come; one
         * that hangs, or waits for a probe that hangs, starts none. Under the lock.
         */
        private boolean draining(long now) {
            return queue.isEmpty() || now - lastStart < NOT_DRAINING.toNanos();
        }

        /**
         * Why jobs wait here now, and the tier wait of one that finds no room: about as long as the
         * queue ahead of it takes to drain, so that a job does not come back to a full queue again
         * and again. Nothing is reserved for it (a reservation per return would put the rate limit
         * in debt without end). Under the lock.
         */
        private Defer deferral(Waiter waiter) {
            DeferReason reason = inFlight >= concurrency ? DeferReason.CONCURRENCY
                    : breaker.getState() == CircuitBreaker.State.HALF_OPEN ? DeferReason.HALF_OPEN
                    : bucket != null ? DeferReason.RATE_LIMIT : DeferReason.CONCURRENCY;
            double perSecond = Math.max(1, Math.max(pace, rate > 0 ? Math.min(rate, concurrency) : 0));
            long drainMillis = (long) (queue.size() * 1000 / perSecond);
            long wait = Math.min(settings.longestWait().toMillis(), Math.max(settings.busyWait().toMillis(), drainMillis));
            return new Defer(waiter, reason, Duration.ofMillis(wait));
        }

        /** Updates the endpoint's pace from the requests it started since the last tick. Under the lock. */
        private void tick(long now) {
            double seconds = (now - lastTick) / 1e9;
            if (seconds > 0) {
                pace = 0.7 * pace + 0.3 * (startedSinceTick / seconds);
            }
            startedSinceTick = 0;
            lastTick = now;
        }

        private void release(Waiter.Result result, Duration took) {
            List<Answer> answers = new ArrayList<>(1);
            synchronized (this) {
                inFlight--;
                long now = clock.getAsLong();
                lastUsed = now;
                switch (result) {
                    case ANSWERED -> breaker.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
                    case FAILED -> breaker.onError(took.toNanos(), TimeUnit.NANOSECONDS, new EndpointFailed());
                    case NEUTRAL -> breaker.releasePermission();
                }
                drain(answers, now);
            }
            answers.forEach(Answer::tell);
        }

        /** Starts queued jobs, in order, while the endpoint lets them; an open circuit answers them all. Under the lock. */
        private void drain(List<Answer> answers, long now) {
            while (!queue.isEmpty()) {
                Queued head = queue.peek();
                Answer answer = tryStart(head.waiter(), now);
                if (answer == null) {
                    return;
                }
                queue.poll();
                queued.decrementAndGet();
                head.waiter().waiting().decrement();
                Timer waits = queueWait;
                if (answer instanceof Go && waits != null) {
                    waits.record(now - head.since(), TimeUnit.NANOSECONDS);
                }
                answers.add(answer);
            }
        }

        private void scheduleWakeup(long nanos) {
            if (wakeupScheduled) {
                return;
            }
            wakeupScheduled = true;
            timer.schedule(() -> {
                List<Answer> answers = new ArrayList<>();
                synchronized (this) {
                    wakeupScheduled = false;
                    drain(answers, clock.getAsLong());
                }
                answers.forEach(Answer::tell);
            }, Math.max(nanos, 100_000L), TimeUnit.NANOSECONDS);
        }

        void expire(long cutoff, long now) {
            List<Answer> answers = new ArrayList<>();
            synchronized (this) {
                tick(now);
                boolean stuck = queued.get() >= settings.crowded() && !draining(now);
                while (!queue.isEmpty() && (stuck || queue.peek().since() < cutoff)) {
                    Queued head = queue.poll();
                    queued.decrementAndGet();
                    head.waiter().waiting().decrement();
                    answers.add(deferral(head.waiter()));
                }
            }
            answers.forEach(Answer::tell);
        }

        synchronized boolean idleSince(long cutoff) {
            return inFlight == 0 && queue.isEmpty() && lastUsed < cutoff && breaker.getState() == CircuitBreaker.State.CLOSED;
        }
    }

    /** The breaker's view of a failed request; carries no stack, it is never thrown. */
    private static final class EndpointFailed extends Exception {
        private static final long serialVersionUID = 1L;

        EndpointFailed() {
            super("endpoint failed", null, false, false);
        }
    }
}
