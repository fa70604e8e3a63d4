package dev.hooklane.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.testkit.receiver.Behaviour;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An open circuit sends nothing and uses no attempt: a job waits it out, skipped at most as often as
 * it has attempts, then is dead-lettered with what happened.
 */
@Tag("kafka")
class CircuitBreakerTest {

    private static WorkerFixture fixture;
    private final WebhookSecret secret = WebhookSecret.generate();

    @BeforeAll
    static void start() {
        // Three attempts over about three seconds; two failures open a circuit for an hour.
        fixture = new WorkerFixture("circuit", List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), Map.of(
                "HOOKLANE_WORKER_CIRCUIT_FAILURES", "2",
                "HOOKLANE_WORKER_CIRCUIT_OPEN_FOR", "1h"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void shouldKeepTheAttemptsOfJobsWhoseCircuitIsOpenUntilTheyWereSkippedAsOftenAsTheyHaveAttempts() {
        fixture.receiver.always("/down", Behaviour.status(503));
        Subscription down = Subscriptions.of("sub-down", fixture.receiver.url("/down"), secret);
        fixture.subscription(down);
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.latestSubscription(down.id()).isPresent());

        DeliveryJob opener = fixture.job(down, "evt-opener", "{}");
        fixture.route(opener);
        fixture.awaitAttempts(opener.jobId(), 2);
        DeliveryJob later = fixture.job(down, "evt-later", "{}");
        fixture.route(later);

        // Both are dead-lettered once 3.6 s (the schedule with its jitter at most) passed since they were first tried.
        await().atMost(Duration.ofSeconds(60)).until(() -> !fixture.deadLetters(opener.jobId()).isEmpty()
                && !fixture.deadLetters(later.jobId()).isEmpty());
        assertThat(fixture.receiver.requests("/down")).as("only the two requests that opened the circuit").hasSize(2);
        assertThat(fixture.deadLetters(opener.jobId()).get(0).reason()).startsWith("exhausted 2 attempts").contains("503 x2", "circuit_open x3");
        assertThat(fixture.deadLetters(later.jobId()).get(0).reason()).startsWith("exhausted 0 attempts").contains("circuit_open x3");

        List<AttemptRecord> skipped = fixture.attempts(later.jobId());
        assertThat(skipped).hasSize(3).allSatisfy(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.SKIPPED);
            assertThat(attempt.attempt()).as("a skip uses no attempt").isEqualTo(1);
        });
        assertThat(fixture.attempts(opener.jobId())).extracting(AttemptRecord::attempt).startsWith(1, 2).containsOnly(1, 2, 3);
    }
}
