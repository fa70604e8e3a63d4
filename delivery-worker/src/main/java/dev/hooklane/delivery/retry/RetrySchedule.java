package dev.hooklane.delivery.retry;

import dev.hooklane.contracts.topic.RetryTier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When and where a job waits for its next attempt. Attempt {@code n + 1} follows tier
 * {@code n - 1} of the schedule, with ±20% jitter, and no sooner than a {@code Retry-After} the
 * receiver asked for (up to a cap). A job is placed in the tier whose delay is the longest not
 * above its wait, so a long wait never sits in a short tier's window.
 */
public final class RetrySchedule {

    /** Jitter as a fraction of the delay, both ways. */
    public static final double JITTER = 0.2;

    /**
     * Where and when a job waits.
     *
     * @param tier the tier topic it is written to
     * @param dueAt when it may be attempted
     */
    public record Plan(RetryTier tier, Instant dueAt) {
    }

    private final List<RetryTier> tiers;
    private final Duration retryAfterCap;
    private final DoubleSupplier uniform;

    /**
     * @param uniform a source of values in [-1, 1] for the jitter
     */
    public RetrySchedule(List<RetryTier> tiers, Duration retryAfterCap, DoubleSupplier uniform) {
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one tier");
        }
        this.tiers = List.copyOf(tiers);
        this.retryAfterCap = retryAfterCap;
        this.uniform = uniform;
    }

    public RetrySchedule(List<RetryTier> tiers, Duration retryAfterCap) {
        this(tiers, retryAfterCap, () -> ThreadLocalRandom.current().nextDouble(-1, 1));
    }

    /** Attempts a job gets in all: the first, then one per tier. */
    public int maxAttempts() {
        return tiers.size() + 1;
    }

    /**
     * The plan for the attempt after {@code failedAttempt}; empty when the schedule is used up.
     *
     * @param retryAfter what the receiver asked for, if anything
     */
    public Optional<Plan> afterFailure(int failedAttempt, Optional<Duration> retryAfter, Instant now) {
        if (failedAttempt >= maxAttempts()) {
            return Optional.empty();
        }
        RetryTier scheduled = tiers.get(failedAttempt - 1);
        Duration wait = jittered(scheduled.delay());
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(retryAfterCap) > 0 ? retryAfterCap : retryAfter.get();
            wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
        return Optional.of(new Plan(placement(scheduled.index(), wait), now.plus(wait)));
    }

    /**
     * The plan for a job that was not sent because its endpoint's circuit is open: it keeps its
     * attempt and waits as long as the schedule's next step after its {@code skips} earlier skips
     * (so a long outage spaces its waits out as failures would). Empty once the job has been skipped
     * as many times as the schedule has attempts: an endpoint that stays down still gets its jobs
     * dead-lettered after about the schedule's duration.
     */
    public Optional<Plan> afterSkip(int attempt, int skips, Instant now) {
        if (skips + 1 >= maxAttempts()) {
            return Optional.empty();
        }
        int step = Math.min(attempt - 1 + skips, tiers.size() - 1);
        Duration wait = jittered(tiers.get(step).delay());
        return Optional.of(new Plan(placement(step, wait), now.plus(wait)));
    }

    /** The plan for a job that must wait {@code wait} without using an attempt (endpoint busy or rate-limited). */
    public Plan deferral(Duration wait, Instant now) {
        return new Plan(placement(0, wait), now.plus(wait));
    }

    /** Spreads {@code delay} by up to ±20%. */
    public Duration jittered(Duration delay) {
        double factor = 1 + JITTER * Math.max(-1, Math.min(1, uniform.getAsDouble()));
        return Duration.ofMillis(Math.max(1, Math.round(delay.toMillis() * factor)));
    }

    private RetryTier placement(int atLeast, Duration wait) {
        RetryTier chosen = tiers.get(atLeast);
        for (RetryTier tier : tiers.subList(atLeast, tiers.size())) {
            if (tier.delay().compareTo(wait) <= 0) {
                chosen = tier;
            }
        }
        return chosen;
    }

    public List<RetryTier> tiers() {
        return tiers;
    }
}
