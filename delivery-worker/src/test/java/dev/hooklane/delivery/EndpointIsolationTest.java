package dev.hooklane.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.testkit.receiver.Behaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One bad endpoint must not slow the others: with 10% of endpoints hanging until their timeout,
 * and far more of their jobs than a partition's window holds, every job to a healthy endpoint is
 * delivered before the first hanging request has even timed out.
 */
@Tag("kafka")
class EndpointIsolationTest {

    private static final int ENDPOINTS = 20;
    private static final int JOBS_PER_ENDPOINT = 15;
    private static final Duration HANG_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void shouldKeepDeliveringToHealthyEndpointsWhileTenPercentHang() {
        try (WorkerFixture fixture = new WorkerFixture("isolation", List.of(Duration.ofSeconds(1), Duration.ofMinutes(1)), Map.of(
                "HOOKLANE_WORKER_MAX_IN_FLIGHT_PER_PARTITION", "8",
                "HOOKLANE_WORKER_ENDPOINT_CONCURRENCY", "2",
                "HOOKLANE_WORKER_BUSY_WAIT", "200ms"))) {
            WebhookSecret secret = WebhookSecret.generate();
            List<Subscription> hanging = new ArrayList<>();
            List<Subscription> healthy = new ArrayList<>();
            for (int i = 0; i < ENDPOINTS; i++) {
                boolean hangs = i % 10 == 0;
                String path = (hangs ? "/hang-" : "/ok-") + i;
                if (hangs) {
                    fixture.receiver.always(path, Behaviour.hang());
                }
                Subscription subscription = subscription("sub-" + i, fixture.receiver.url(path), secret);
                fixture.subscription(subscription);
                (hangs ? hanging : healthy).add(subscription);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.latestSubscription("sub-" + (ENDPOINTS - 1)).isPresent());

            List<DeliveryJob> healthyJobs = new ArrayList<>();
            for (int n = 0; n < JOBS_PER_ENDPOINT; n++) {
                for (Subscription subscription : hanging) {
                    fixture.route(fixture.job(subscription, "evt-" + subscription.id() + "-" + n, "{}"));
                }
                for (Subscription subscription : healthy) {
                    DeliveryJob job = fixture.job(subscription, "evt-" + subscription.id() + "-" + n, "{}");
                    healthyJobs.add(job);
                    fixture.route(job);
                }
            }
            Instant firstHangCanEnd = Instant.now().plus(HANG_TIMEOUT);

            await().atMost(HANG_TIMEOUT.minusSeconds(5)).until(() -> healthyJobs.stream().allMatch(job ->
                    fixture.receiver.requests().stream().anyMatch(request -> request.webhookId().equals(job.jobId()))));

            assertThat(Instant.now()).isBefore(firstHangCanEnd);
            // The hanging endpoints got requests, at most their concurrency each, and none has ended yet.
            for (Subscription subscription : hanging) {
                String path = java.net.URI.create(subscription.url()).getPath();
                assertThat(fixture.receiver.requests(path)).hasSizeBetween(1, 2);
            }
            List<AttemptRecord> hangingAttempts = hanging.stream()
                    .flatMap(s -> java.util.stream.IntStream.range(0, JOBS_PER_ENDPOINT)
                            .mapToObj(n -> fixture.job(s, "evt-" + s.id() + "-" + n, "{}").jobId()))
                    .flatMap(jobId -> fixture.attempts(jobId).stream()).toList();
            assertThat(hangingAttempts).isEmpty();
        }
    }

    @Test
    void shouldKeepReadingWhenTheQueuesOfHangingEndpointsWouldFillTheTopicsBudget() {
        Duration queueWait = Duration.ofSeconds(60);
        try (WorkerFixture fixture = new WorkerFixture("crowded", List.of(Duration.ofSeconds(1), Duration.ofMinutes(1)), Map.of(
                "HOOKLANE_WORKER_MAX_IN_FLIGHT", "24",
                "HOOKLANE_WORKER_ENDPOINT_QUEUE", "10",
                "HOOKLANE_WORKER_ENDPOINT_QUEUE_WAIT", queueWait.toSeconds() + "s",
                "HOOKLANE_WORKER_ENDPOINT_CONCURRENCY", "2",
                "HOOKLANE_WORKER_BUSY_WAIT", "200ms"))) {
            WebhookSecret secret = WebhookSecret.generate();
            List<Subscription> hanging = new ArrayList<>();
            List<Subscription> healthy = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                boolean hangs = i < 2;
                String path = (hangs ? "/hang-" : "/ok-") + i;
                if (hangs) {
                    fixture.receiver.always(path, Behaviour.hang());
                }
                Subscription subscription = subscription("crowd-" + i, fixture.receiver.url(path), secret);
                fixture.subscription(subscription);
                (hangs ? hanging : healthy).add(subscription);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.latestSubscription("crowd-5").isPresent());

            // Two requests in flight and ten waiting for each hanging endpoint: the topic's whole budget.
            for (int n = 0; n < 12; n++) {
                for (Subscription subscription : hanging) {
                    fixture.route(fixture.job(subscription, "evt-" + subscription.id() + "-" + n, "{}"));
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> fixture.receiver.requests().size() >= 4);
            List<DeliveryJob> healthyJobs = new ArrayList<>();
            for (int n = 0; n < 5; n++) {
                for (Subscription subscription : healthy) {
                    DeliveryJob job = fixture.job(subscription, "evt-" + subscription.id() + "-" + n, "{}");
                    healthyJobs.add(job);
                    fixture.route(job);
                }
            }
            // Neither the waiting jobs' limit nor the hanging requests' timeout frees the budget before this.
            await().atMost(Duration.ofSeconds(15)).until(() -> healthyJobs.stream().allMatch(job ->
                    fixture.receiver.requests().stream().anyMatch(request -> request.webhookId().equals(job.jobId()))));
        }
    }

    /** A subscription to every event type whose requests time out after {@link #HANG_TIMEOUT}. */
    private static Subscription subscription(String id, String url, WebhookSecret secret) {
        Instant now = Instant.now();
        return new Subscription(id, "acme", url, List.of("*"), List.of(), Optional.empty(), Optional.empty(), Map.of(), true, Optional.empty(),
                null, List.of(new SigningSecret(secret.encoded(), now, Optional.empty())), Optional.empty(), Optional.of(HANG_TIMEOUT),
                Map.of(), now, now);
    }
}
