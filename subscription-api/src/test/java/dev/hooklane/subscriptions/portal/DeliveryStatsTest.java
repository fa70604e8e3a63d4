package dev.hooklane.subscriptions.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryStatsTest {

    private static final Instant NOW = Instant.parse("2025-11-23T10:25:00Z");

    private static AttemptRecord attempt(AttemptOutcome outcome, Instant at) {
        return new AttemptRecord("msg_1", "evt_1", "acme", Optional.of("sub_1"), 1, outcome, Optional.of(200), 5, Optional.empty(),
                Optional.empty(), at);
    }

    @Test
    void shouldCountSuccessesAndFailuresPerHourWhenAttemptsFallInTheLastDay() {
        DeliveryStats stats = DeliveryStats.of(List.of(
                attempt(AttemptOutcome.SUCCESS, NOW.minusSeconds(60)),
                attempt(AttemptOutcome.SUCCESS, Instant.parse("2025-11-23T10:00:00Z")),
                attempt(AttemptOutcome.RETRY, NOW.minusSeconds(120)),
                attempt(AttemptOutcome.DLQ, Instant.parse("2025-11-22T11:59:59Z")),
                attempt(AttemptOutcome.SKIPPED, NOW.minusSeconds(30)),
                attempt(AttemptOutcome.SUCCESS, Instant.parse("2025-11-22T10:59:59Z"))), NOW);

        assertThat(stats.hours()).hasSize(24);
        assertThat(stats.from()).isEqualTo(Instant.parse("2025-11-22T11:00:00Z"));
        assertThat(stats.hours().get(23)).isEqualTo(new DeliveryStats.Hour(Instant.parse("2025-11-23T10:00:00Z"), 2, 1));
        assertThat(stats.hours().get(0)).isEqualTo(new DeliveryStats.Hour(Instant.parse("2025-11-22T11:00:00Z"), 0, 1));
        assertThat(stats.hours().stream().mapToInt(DeliveryStats.Hour::succeeded).sum()).as("the attempt before the day is left out").isEqualTo(2);
    }

    @Test
    void shouldAnswerEmptyHoursWhenThereAreNoAttempts() {
        assertThat(DeliveryStats.of(List.of(), NOW).hours()).hasSize(24)
                .allMatch(hour -> hour.succeeded() == 0 && hour.failed() == 0)
                .extracting(DeliveryStats.Hour::start).isSorted().doesNotHaveDuplicates()
                .allMatch(start -> Duration.between(start, NOW).toHours() < 24);
    }
}
