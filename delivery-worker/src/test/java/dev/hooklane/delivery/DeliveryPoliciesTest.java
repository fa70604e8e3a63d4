package dev.hooklane.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.DisableRequest;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The configurable policies: client errors, circuit breaker, rate limit, disabling a failing endpoint. */
@Tag("kafka")
class DeliveryPoliciesTest {

    private static WorkerFixture fixture;
    private final WebhookSecret secret = WebhookSecret.generate();

    @BeforeAll
    static void start() {
        fixture = new WorkerFixture("policies", List.of(Duration.ofSeconds(1), Duration.ofMinutes(1)), Map.of(
                "HOOKLANE_WORKER_CLIENT_ERRORS", "dlq",
                "HOOKLANE_WORKER_CIRCUIT_FAILURES", "3",
                "HOOKLANE_WORKER_CIRCUIT_OPEN_FOR", "1h",
                "HOOKLANE_WORKER_DISABLE_AFTER", "2s"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private Subscription subscribe(Subscription subscription) {
        fixture.subscription(subscription);
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.latestSubscription(subscription.id()).isPresent());
        return subscription;
    }

    private DeliveryJob deliver(Subscription subscription, String eventId) {
        DeliveryJob job = fixture.job(subscription, eventId, "{\"n\":\"" + eventId + "\"}");
        fixture.route(job);
        return job;
    }

    @Test
    void shouldDeadLetterAClientErrorAtOnceWhenThePolicySaysSo() {
        fixture.receiver.always("/refuses", Behaviour.status(422));
        DeliveryJob job = deliver(subscribe(Subscriptions.of("sub-refuses", fixture.receiver.url("/refuses"), secret)), "evt-refuses");

        AttemptRecord attempt = fixture.awaitAttempts(job.jobId(), 1).get(0);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.DLQ);
        assertThat(attempt.statusCode()).contains(422);
        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.deadLetters(job.jobId()).isEmpty());
        assertThat(fixture.deadLetters(job.jobId()).get(0).reason()).contains("HTTP 422");
        assertThat(fixture.receiver.requests("/refuses")).hasSize(1);
    }

    @Test
    void shouldSendNoRequestWhileTheCircuitIsOpen() {
        fixture.receiver.always("/broken", Behaviour.status(503));
        Subscription broken = subscribe(Subscriptions.of("sub-broken", fixture.receiver.url("/broken"), secret));
        DeliveryJob first = deliver(broken, "evt-broken-1");
        fixture.awaitAttempts(first.jobId(), 2);
        DeliveryJob second = deliver(broken, "evt-broken-2");
        fixture.awaitAttempts(second.jobId(), 1);
        assertThat(fixture.receiver.requests("/broken")).hasSize(3);

        DeliveryJob third = deliver(broken, "evt-broken-3");
        AttemptRecord skipped = fixture.awaitAttempts(third.jobId(), 1).get(0);
        assertThat(skipped.outcome()).isEqualTo(AttemptOutcome.SKIPPED);
        assertThat(skipped.error()).get().asString().startsWith("circuit open");
        assertThat(fixture.receiver.requests("/broken")).hasSize(3);
    }

    @Test
    void shouldAskToDisableASubscriptionThatKeepsFailingForTheConfiguredPeriod() {
        fixture.receiver.always("/failing", Behaviour.status(500));
        Subscription failing = subscribe(Subscriptions.of("sub-failing", fixture.receiver.url("/failing"), secret));
        DeliveryJob first = deliver(failing, "evt-failing-1");
        AttemptRecord firstAttempt = fixture.awaitAttempts(first.jobId(), 1).get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(firstAttempt.attemptedAt().plusSeconds(3)));
        DeliveryJob later = deliver(failing, "evt-failing-2");
        fixture.awaitAttempts(later.jobId(), 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.disableRequests(failing.id()).isEmpty());
        DisableRequest request = fixture.disableRequests(failing.id()).get(0);
        assertThat(request.reason()).contains("has failed without a success for more than 2s");
        assertThat(request.url()).isEqualTo(failing.url());
        assertThat(fixture.subscriptionRecords(failing.id())).isEqualTo(1);
    }

    @Test
    void shouldKeepAnEndpointWithinItsRateLimitAndStillDeliverEveryJob() {
        Subscription limited = subscribe(Subscriptions.of("sub-limited", fixture.receiver.url("/limited"),
                List.of(new SigningSecret(secret.encoded(), Instant.now(), Optional.empty())), Map.of(), Optional.of(1)));
        List<DeliveryJob> jobs = IntStream.range(0, 4).mapToObj(i -> deliver(limited, "evt-limited-" + i)).toList();

        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.receiver.requests("/limited").size() >= jobs.size());
        List<Instant> arrivals = fixture.receiver.requests("/limited").stream().map(ReceivedRequest::receivedAt).sorted(Comparator.naturalOrder()).toList();
        // One token a second with a bucket of one: four requests cannot fit in less than three seconds.
        assertThat(Duration.between(arrivals.get(0), arrivals.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
        assertThat(fixture.receiver.requests("/limited")).extracting(ReceivedRequest::webhookId)
                .containsExactlyInAnyOrderElementsOf(jobs.stream().map(DeliveryJob::jobId).toList());
        jobs.forEach(job -> assertThat(fixture.awaitAttempts(job.jobId(), 1)).extracting(AttemptRecord::outcome).containsExactly(AttemptOutcome.SUCCESS));
    }
}
