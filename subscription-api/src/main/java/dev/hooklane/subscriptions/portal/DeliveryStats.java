package dev.hooklane.subscriptions.portal;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Successes and failures per hour over the last 24 hours, the current hour last. A failure is an
 * attempt that was sent and not answered 2xx; attempts that sent nothing (circuit open,
 * subscription disabled) are not counted.
 */
record DeliveryStats(Instant from, Instant to, List<Hour> hours) {

    static final int HOURS = 24;

    /** One hour's counts. */
    record Hour(Instant start, int succeeded, int failed) {
    }

    static DeliveryStats of(List<AttemptRecord> attempts, Instant now) {
        Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
        int[] succeeded = new int[HOURS];
        int[] failed = new int[HOURS];
        for (AttemptRecord attempt : attempts) {
            long hour = Duration.between(first, attempt.attemptedAt()).toHours();
            if (attempt.attemptedAt().isBefore(first) || hour >= HOURS || attempt.outcome() == AttemptOutcome.SKIPPED) {
                continue;
            }
            if (attempt.outcome() == AttemptOutcome.SUCCESS) {
                succeeded[(int) hour]++;
            } else {
                failed[(int) hour]++;
            }
        }
        List<Hour> hours = new ArrayList<>(HOURS);
        for (int i = 0; i < HOURS; i++) {
            hours.add(new Hour(first.plus(Duration.ofHours(i)), succeeded[i], failed[i]));
        }
        return new DeliveryStats(first, now, hours);
    }
}
