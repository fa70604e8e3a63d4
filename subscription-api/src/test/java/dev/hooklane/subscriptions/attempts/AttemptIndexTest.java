package dev.hooklane.subscriptions.attempts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptIndexTest {

    private final Instant start = Instant.parse("2025-11-23T10:00:00Z");

    private AttemptRecord attempt(String subscription, String event, int n) {
        return new AttemptRecord("msg_" + event, event, "acme", Optional.of(subscription), n, AttemptOutcome.RETRY, Optional.of(503), 5,
                Optional.of("x".repeat(100)), Optional.empty(), start.plusSeconds(n));
    }

    @Test
    void shouldKeepOnlyTheNewestAttemptsOfASubscription() {
        AttemptIndex index = new AttemptIndex(Long.MAX_VALUE, 3);
        for (int n = 1; n <= 5; n++) {
            index.add(attempt("sub-1", "evt-" + n, n));
        }
        assertThat(index.ofSubscription("sub-1")).extracting(e -> e.record.attempt()).containsExactly(5, 4, 3);
        assertThat(index.ofEvent("acme", "evt-1")).isEmpty();
        assertThat(index.ofEvent("acme", "evt-5")).hasSize(1);
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void shouldForgetTheOldestAttemptsBeyondTheByteBudget() {
        int one = AttemptIndex.estimate(attempt("sub-odd", "evt-01", 1));
        AttemptIndex index = new AttemptIndex(one * 4L, 1000);
        for (int n = 1; n <= 10; n++) {
            index.add(attempt(n % 2 == 0 ? "sub-eve" : "sub-odd", String.format("evt-%02d", n), n));
        }
        assertThat(index.bytes()).isLessThanOrEqualTo(one * 4L);
        assertThat(index.size()).isEqualTo(4);
        assertThat(index.ofSubscription("sub-eve")).extracting(e -> e.record.attempt()).containsExactly(10, 8);
        assertThat(index.ofSubscription("sub-odd")).extracting(e -> e.record.attempt()).containsExactly(9, 7);
        assertThat(index.tenantOfSubscription("sub-odd")).contains("acme");
        assertThat(index.tenantOfSubscription("sub-none")).isEmpty();
    }

    @Test
    void shouldOrderAnEventsAttemptsNewestFirst() {
        AttemptIndex index = new AttemptIndex(Long.MAX_VALUE, 10);
        index.add(attempt("sub-b", "evt-x", 2));
        index.add(attempt("sub-a", "evt-x", 1));
        index.add(attempt("sub-c", "evt-x", 3));
        assertThat(index.ofEvent("acme", "evt-x")).extracting(e -> e.record.subscriptionId().orElseThrow()).containsExactly("sub-c", "sub-b", "sub-a");
        assertThat(index.ofEvent("other", "evt-x")).isEmpty();
    }
}
