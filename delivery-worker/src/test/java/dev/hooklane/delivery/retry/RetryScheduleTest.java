package dev.hooklane.delivery.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.topic.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final Instant now = Instant.parse("2025-11-23T10:00:00Z");

    private RetrySchedule schedule(double jitter) {
        return new RetrySchedule(TopicCatalog.defaults(1).retryTiers(), Duration.ofHours(1), () -> jitter);
    }

    @Test
    void shouldFollowTheDefaultScheduleAndEndAfterTheLastTier() {
        RetrySchedule plain = schedule(0);
        assertThat(plain.maxAttempts()).isEqualTo(10);
        assertThat(plain.afterFailure(1, Optional.empty(), now)).get().satisfies(plan -> {
            assertThat(plan.tier().label()).isEqualTo("5s");
            assertThat(plan.dueAt()).isEqualTo(now.plusSeconds(5));
        });
        assertThat(plain.afterFailure(9, Optional.empty(), now)).get().extracting(p -> p.tier().label()).isEqualTo("1d");
        assertThat(plain.afterFailure(10, Optional.empty(), now)).isEmpty();
    }

    @Test
    void shouldJitterByAtMostTwentyPercentEitherWay() {
        assertThat(schedule(1).afterFailure(2, Optional.empty(), now).orElseThrow().dueAt()).isEqualTo(now.plus(Duration.ofMinutes(6)));
        assertThat(schedule(-1).afterFailure(2, Optional.empty(), now).orElseThrow().dueAt()).isEqualTo(now.plus(Duration.ofMinutes(4)));
        assertThat(schedule(7).jittered(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void shouldHonourRetryAfterUpToTheCapAndPlaceTheJobInTheMatchingTier() {
        RetrySchedule plain = schedule(0);
        RetrySchedule.Plan asked = plain.afterFailure(1, Optional.of(Duration.ofMinutes(40)), now).orElseThrow();
        assertThat(asked.dueAt()).isEqualTo(now.plus(Duration.ofMinutes(40)));
        assertThat(asked.tier().label()).isEqualTo("30m");
        assertThat(plain.afterFailure(1, Optional.of(Duration.ofDays(3)), now).orElseThrow().dueAt()).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(plain.afterFailure(3, Optional.of(Duration.ofSeconds(1)), now).orElseThrow().dueAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
    }

    @Test
    void shouldReadBothFormsOfRetryAfter() {
        assertThat(RetryAfter.parse(Optional.of("120"), now)).contains(Duration.ofMinutes(2));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(90), ZoneOffset.UTC));
        assertThat(RetryAfter.parse(Optional.of(date), now)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse(Optional.of("soon"), now)).isEmpty();
        assertThat(RetryAfter.parse(Optional.empty(), now)).isEmpty();
    }

    @Test
    void shouldCarryEarlierResultsToASummary() {
        RecordHeaders headers = new RecordHeaders();
        AttemptTrace.empty().plus("503", now).plus("timeout", now.plusSeconds(5)).plus("503", now.plusSeconds(305)).writeTo(headers);
        AttemptTrace read = AttemptTrace.from(headers);
        assertThat(read.results()).containsExactly("503", "timeout", "503");
        assertThat(read.summary(now.plus(Duration.ofHours(3)))).isEqualTo("3 attempts over 3h: 503 x2, timeout x1");
    }

    @Test
    void shouldKeepASkippedJobsAttemptAndSpaceItsWaitsOutUntilItWasSkippedAsOftenAsItHasAttempts() {
        RetrySchedule plain = schedule(0);
        // A fresh job skipped for the first time waits like a first failure; each further skip one step longer.
        assertThat(plain.afterSkip(1, 0, now)).get().satisfies(plan -> {
            assertThat(plan.tier().label()).isEqualTo("5s");
            assertThat(plan.dueAt()).isEqualTo(now.plusSeconds(5));
        });
        assertThat(plain.afterSkip(1, 1, now)).get().extracting(p -> p.tier().label()).isEqualTo("5m");
        assertThat(plain.afterSkip(3, 2, now)).get().extracting(p -> p.tier().label()).isEqualTo("5h");
        assertThat(plain.afterSkip(9, 8, now)).get().extracting(p -> p.tier().label()).isEqualTo("1d");
        // Ten attempts: the tenth skip ends the job, whatever its attempt.
        assertThat(plain.afterSkip(1, 9, now)).isEmpty();
        assertThat(plain.afterSkip(4, 9, now)).isEmpty();
    }

    @Test
    void shouldNotCountCircuitOpenSkipsAsAttempts() {
        AttemptTrace trace = AttemptTrace.empty().plus("500", now).plus(AttemptTrace.CIRCUIT_OPEN, now.plusSeconds(5))
                .plus(AttemptTrace.CIRCUIT_OPEN, now.plusSeconds(10)).plus("timeout", now.plusSeconds(20));
        assertThat(trace.summary(now.plusSeconds(30))).isEqualTo("2 attempts over 30s: 500 x1, circuit_open x2, timeout x1");
    }
}
