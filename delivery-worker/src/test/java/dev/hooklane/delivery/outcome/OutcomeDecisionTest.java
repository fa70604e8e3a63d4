package dev.hooklane.delivery.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.topic.RetryTier;
import dev.hooklane.delivery.http.FailureKind;
import dev.hooklane.delivery.http.HttpOutcome;
import dev.hooklane.delivery.job.JobContext;
import dev.hooklane.delivery.metrics.DeliveryMetrics.DeferReason;
import dev.hooklane.delivery.outcome.OutcomeDecision.ClientErrorPolicy;
import dev.hooklane.delivery.retry.AttemptTrace;
import dev.hooklane.delivery.retry.RetrySchedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The README's outcome table, row by row, without a broker or a receiver. */
class OutcomeDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    /** 5s, 5m, 30m: four attempts in all; no jitter, so plans are exact. */
    private static final RetrySchedule SCHEDULE = new RetrySchedule(List.of(new RetryTier(0, Duration.ofSeconds(5)),
            new RetryTier(1, Duration.ofMinutes(5)), new RetryTier(2, Duration.ofMinutes(30))), Duration.ofHours(1), () -> 0);

    private final OutcomeDecision retrying = new OutcomeDecision(SCHEDULE, ClientErrorPolicy.RETRY);
    private final OutcomeDecision strict = new OutcomeDecision(SCHEDULE, ClientErrorPolicy.DLQ);

    private static JobContext attempt(int number) {
        DeliveryJob job = new DeliveryJob("msg_1", "evt-1", "acme", Optional.of("sub-1"), Optional.empty(), "t", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), NOW, NOW, number, NOW);
        return new JobContext(job, Optional.empty(), AttemptTrace.empty(), false, Optional.empty());
    }

    private static HttpOutcome status(int code) {
        return new HttpOutcome.Response(code, Optional.empty(), "", Duration.ofMillis(20));
    }

    private static HttpOutcome failure(FailureKind kind) {
        return new HttpOutcome.Failure(kind, "it failed", Duration.ofMillis(20));
    }

    static Stream<Arguments> firstAttempts() {
        return Stream.of(
                Arguments.of(status(200), "delivered"),
                Arguments.of(status(204), "delivered"),
                Arguments.of(status(299), "delivered"),
                Arguments.of(status(410), "dead gone dlq disable"),
                Arguments.of(status(408), "retry 5s"),
                Arguments.of(status(429), "retry 5s"),
                Arguments.of(status(500), "retry 5s"),
                Arguments.of(status(503), "retry 5s"),
                Arguments.of(status(404), "retry 5s"),
                Arguments.of(status(301), "retry 5s"),
                Arguments.of(failure(FailureKind.TIMEOUT), "retry 5s"),
                Arguments.of(failure(FailureKind.CONNECT), "retry 5s"),
                Arguments.of(failure(FailureKind.RESET), "retry 5s"),
                Arguments.of(failure(FailureKind.DNS), "retry 5s"),
                Arguments.of(failure(FailureKind.REFUSED), "dead refused skipped"));
    }

    @ParameterizedTest
    @MethodSource("firstAttempts")
    void shouldDecideEveryRowOfTheOutcomeTableForAFirstAttempt(HttpOutcome outcome, String expected) {
        assertThat(describe(retrying.afterRequest(attempt(1), true, outcome, NOW, NOW))).isEqualTo(expected);
    }

    @Test
    void shouldDeadLetterOtherClientErrorsAtOnceUnderTheStrictPolicyButStillRetryTheRetryableOnes() {
        assertThat(describe(strict.afterRequest(attempt(1), true, status(404), NOW, NOW))).isEqualTo("dead client_error dlq");
        assertThat(describe(strict.afterRequest(attempt(1), true, status(302), NOW, NOW))).isEqualTo("dead client_error dlq");
        assertThat(describe(strict.afterRequest(attempt(1), true, status(429), NOW, NOW))).isEqualTo("retry 5s");
        assertThat(describe(strict.afterRequest(attempt(1), true, status(408), NOW, NOW))).isEqualTo("retry 5s");
    }

    @Test
    void shouldFollowTheScheduleAndDeadLetterWithASummaryWhenItIsUsedUp() {
        assertThat(describe(retrying.afterRequest(attempt(2), true, status(503), NOW, NOW))).isEqualTo("retry 5m");
        assertThat(describe(retrying.afterRequest(attempt(3), true, status(503), NOW, NOW))).isEqualTo("retry 30m");
        Outcome last = retrying.afterRequest(attempt(4), true, status(503), NOW, NOW);
        assertThat(describe(last)).isEqualTo("dead exhausted dlq announce");
        assertThat(((Outcome.Dead) last).reason()).isEqualTo("exhausted 1 attempt over 0s: 503 x1");
    }

    @Test
    void shouldHonourRetryAfterUpToTheCap() {
        HttpOutcome slowDown = new HttpOutcome.Response(429, Optional.of("120"), "", Duration.ofMillis(5));
        assertThat(((Outcome.Retry) retrying.afterRequest(attempt(1), true, slowDown, NOW, NOW)).plan().dueAt()).isEqualTo(NOW.plusSeconds(120));
        HttpOutcome tooLong = new HttpOutcome.Response(503, Optional.of("86400"), "", Duration.ofMillis(5));
        assertThat(((Outcome.Retry) retrying.afterRequest(attempt(1), true, tooLong, NOW, NOW)).plan().dueAt()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void shouldDeadLetterA410OfACallbackJobWithoutDisablingAnything() {
        assertThat(describe(retrying.afterRequest(attempt(1), false, status(410), NOW, NOW))).isEqualTo("dead gone dlq");
    }

    @Test
    void shouldKeepTheAttemptOfAJobWhoseCircuitIsOpenUntilItWasSkippedAsOftenAsItHasAttempts() {
        JobContext context = attempt(1);
        for (int skip = 0; skip < 3; skip++) {
            Outcome outcome = retrying.afterCircuitOpen(context, NOW);
            assertThat(outcome).isInstanceOf(Outcome.Skip.class);
            context = new JobContext(context.job(), Optional.empty(), ((Outcome.Skip) outcome).trace(), false, Optional.empty());
        }
        assertThat(describe(retrying.afterCircuitOpen(context, NOW))).isEqualTo("dead exhausted skipped announce");
    }

    @Test
    void shouldRetryTheWorkersOwnFailuresLikeAFailedRequest() {
        assertThat(describe(retrying.afterInternalError(attempt(1), new IllegalStateException("bug"), NOW))).isEqualTo("retry 5s");
        assertThat(describe(retrying.afterInternalError(attempt(4), new IllegalStateException("bug"), NOW))).isEqualTo("dead exhausted dlq announce");
    }

    @Test
    void shouldDeadLetterWhatCannotBeSentWithItsCause() {
        assertThat(describe(retrying.unsendable(DeadLetterCause.DELETED, "subscription deleted"))).isEqualTo("dead deleted skipped");
        assertThat(describe(retrying.unsendable(DeadLetterCause.DISABLED, "subscription disabled"))).isEqualTo("dead disabled skipped");
    }

    @Test
    void shouldDeferWithoutUsingAnAttemptToTheLongestTierTheWaitFills() {
        Outcome.Defer busy = (Outcome.Defer) retrying.deferral(DeferReason.CONCURRENCY, Duration.ofSeconds(1), NOW);
        assertThat(busy.plan().dueAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(busy.plan().tier().label()).isEqualTo("5s");
        Outcome.Defer drained = (Outcome.Defer) retrying.deferral(DeferReason.RATE_LIMIT, Duration.ofMinutes(6), NOW);
        assertThat(drained.plan().dueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(6)));
        assertThat(drained.plan().tier().label()).isEqualTo("5m");
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Delivered delivered -> "delivered";
            case Outcome.Retry retry -> "retry " + RetryTier.label(Duration.between(NOW, retry.plan().dueAt()));
            case Outcome.Skip skip -> "skip";
            case Outcome.Defer defer -> "defer";
            case Outcome.Dead dead -> "dead " + dead.cause().wireName() + " " + (dead.recorded() == AttemptOutcome.DLQ ? "dlq" : "skipped")
                    + (dead.announce() ? " announce" : "") + (dead.disableSubscription() ? " disable" : "");
        };
    }
}
