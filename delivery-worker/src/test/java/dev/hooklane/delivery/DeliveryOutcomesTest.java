package dev.hooklane.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.delivery.DeadLetter;
import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.DisableRequest;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every answer a receiver can give, through a real broker and a real receiver, with a 1s, 2s retry schedule. */
@Tag("kafka")
class DeliveryOutcomesTest {

    private static WorkerFixture fixture;
    private final WebhookSecret secret = WebhookSecret.generate();

    @BeforeAll
    static void start() {
        fixture = new WorkerFixture("outcomes", List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), Map.of());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private Subscription subscribe(String id, String path) {
        Subscription subscription = Subscriptions.of(id, fixture.receiver.url(path), secret);
        fixture.subscription(subscription);
        return subscription;
    }

    private DeliveryJob deliver(Subscription subscription, String eventId) {
        DeliveryJob job = fixture.job(subscription, eventId, "{\"type\":\"reportCreated\",\"data\":{\"id\":\"" + eventId + "\"}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.latestSubscription(subscription.id()).isPresent());
        fixture.route(job);
        return job;
    }

    @Test
    void shouldDeliverSignedWithEveryActiveSecretWhenASecretIsRotating() {
        WebhookSecret previous = WebhookSecret.generate();
        Instant now = Instant.now();
        Subscription rotating = Subscriptions.of("sub-rotating", fixture.receiver.url("/rotating?ref=7"), List.of(
                new SigningSecret(previous.encoded(), now.minusSeconds(60), Optional.of(now.plusSeconds(3600))),
                new SigningSecret(secret.encoded(), now, Optional.empty())), Map.of("X-Customer-Ref", "c-42"), Optional.empty());
        fixture.subscription(rotating);
        DeliveryJob job = deliver(rotating, "evt-rotating");

        AttemptRecord attempt = fixture.awaitAttempts(job.jobId(), 1).get(0);
        ReceivedRequest request = fixture.receiver.requests("/rotating").get(0);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.SUCCESS);
        assertThat(attempt.statusCode()).contains(200);
        assertThat(attempt.responseExcerpt()).contains("ok");
        assertThat(request.signatureVerifies(secret)).isTrue();
        assertThat(request.signatureVerifies(previous)).isTrue();
        assertThat(request.header("webhook-signature").orElseThrow().split(" ")).hasSize(2);
        assertThat(request.header("x-customer-ref")).contains("c-42");
        assertThat(request.header("user-agent").orElseThrow()).startsWith("Hooklane-Webhooks/");
        assertThat(request.query()).contains("ref=7");
        assertThat(request.webhookId()).isEqualTo(job.jobId());
        assertThat(request.bodyText()).isEqualTo(job.bodyText());
    }

    @Test
    void shouldRetryServerErrorsWithTheSameWebhookIdUntilDelivered() {
        fixture.receiver.script("/flaky", Behaviour.status(503), Behaviour.status(500), Behaviour.ok());
        DeliveryJob job = deliver(subscribe("sub-flaky", "/flaky"), "evt-flaky");

        List<AttemptRecord> attempts = fixture.awaitAttempts(job.jobId(), 3);
        assertThat(attempts).extracting(AttemptRecord::outcome).containsExactly(AttemptOutcome.RETRY, AttemptOutcome.RETRY, AttemptOutcome.SUCCESS);
        assertThat(attempts).extracting(AttemptRecord::attempt).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(AttemptRecord::statusCode).containsExactly(Optional.of(503), Optional.of(500), Optional.of(200));
        assertThat(attempts.get(0).error()).get().asString().contains("HTTP 503").contains("next attempt at");
        assertThat(fixture.receiver.requests("/flaky")).extracting(ReceivedRequest::webhookId).containsOnly(job.jobId()).hasSize(3);
        assertThat(fixture.receiver.requests("/flaky")).allMatch(request -> request.signatureVerifies(secret));
    }

    @Test
    void shouldWaitAtLeastWhatRetryAfterAsksOn429() {
        fixture.receiver.script("/busy", Behaviour.statusWithRetryAfter(429, "3"), Behaviour.ok());
        DeliveryJob job = deliver(subscribe("sub-busy", "/busy"), "evt-busy");

        List<AttemptRecord> attempts = fixture.awaitAttempts(job.jobId(), 2);
        assertThat(attempts).extracting(AttemptRecord::outcome).containsExactly(AttemptOutcome.RETRY, AttemptOutcome.SUCCESS);
        List<ReceivedRequest> requests = fixture.receiver.requests("/busy");
        // The schedule alone would retry after about 1s; Retry-After: 3 asks for 3s.
        assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    }

    @Test
    void shouldRetryTimeoutsResetsAndDeliverASlowAnswer() {
        fixture.receiver.script("/unsteady", Behaviour.hang(), Behaviour.reset(), Behaviour.slow(204, Duration.ofMillis(300)));
        DeliveryJob job = deliver(subscribe("sub-unsteady", "/unsteady"), "evt-unsteady");

        List<AttemptRecord> attempts = fixture.awaitAttempts(job.jobId(), 3);
        assertThat(attempts).extracting(AttemptRecord::outcome).containsExactly(AttemptOutcome.RETRY, AttemptOutcome.RETRY, AttemptOutcome.SUCCESS);
        assertThat(attempts.get(0).error()).get().asString().startsWith("timeout");
        assertThat(attempts.get(0).statusCode()).isEmpty();
        assertThat(attempts.get(1).error()).isPresent();
        assertThat(attempts.get(1).statusCode()).isEmpty();
        assertThat(attempts.get(2).statusCode()).contains(204);
    }

    @Test
    void shouldDeadLetterWithASummaryAndTellTheTenantWhenRetriesAreExhausted() {
        fixture.receiver.always("/down", Behaviour.status(500));
        DeliveryJob job = deliver(subscribe("sub-down", "/down"), "evt-down");

        List<AttemptRecord> attempts = fixture.awaitAttempts(job.jobId(), 3);
        assertThat(attempts).extracting(AttemptRecord::outcome).containsExactly(AttemptOutcome.RETRY, AttemptOutcome.RETRY, AttemptOutcome.DLQ);
        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.deadLetters(job.jobId()).isEmpty());
        DeadLetter letter = fixture.deadLetters(job.jobId()).get(0);
        assertThat(letter.reason()).startsWith("exhausted 3 attempts").contains("500 x3");
        assertThat(letter.lastStatusCode()).contains(500);
        assertThat(letter.job().attempt()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.events().stream()
                .anyMatch(event -> event.contains("webhook.delivery.exhausted") && event.contains(job.jobId())));
    }

    @Test
    void shouldAskTheApiToDisableTheSubscriptionOn410AndDeadLetterItsRemainingJobsOnceDisabled() {
        fixture.receiver.always("/gone", Behaviour.status(410));
        Subscription gone = subscribe("sub-gone", "/gone");
        DeliveryJob first = deliver(gone, "evt-gone-1");

        assertThat(fixture.awaitAttempts(first.jobId(), 1).get(0).outcome()).isEqualTo(AttemptOutcome.DLQ);
        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.disableRequests(gone.id()).isEmpty());
        DisableRequest request = fixture.disableRequests(gone.id()).get(0);
        assertThat(request.reason()).contains("410");
        assertThat(request.url()).isEqualTo(gone.url());
        assertThat(request.tenant()).isEqualTo(gone.tenant());
        assertThat(request.seenVersion()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.deadLetters(first.jobId()).isEmpty());
        assertThat(fixture.deadLetters(first.jobId()).get(0).reason()).contains("410 Gone");
        // The subscription API is the subscriptions' one writer: the worker wrote only its own subscription's record.
        assertThat(fixture.subscriptionRecords(gone.id())).isEqualTo(1);

        // What the API writes when it applies the request.
        fixture.subscription(gone.disabled(request.reason(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.subscriptionRecords(gone.id()) == 2);
        DeliveryJob second = fixture.job(gone, "evt-gone-2", "{}");
        fixture.route(second);
        AttemptRecord skipped = fixture.awaitAttempts(second.jobId(), 1).get(0);
        assertThat(skipped.outcome()).isEqualTo(AttemptOutcome.SKIPPED);
        assertThat(skipped.error()).get().asString().startsWith("subscription disabled").contains("410");
        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.deadLetters(second.jobId()).isEmpty());
        assertThat(fixture.receiver.requests("/gone")).hasSize(1);
        assertThat(fixture.disableRequests(gone.id())).hasSize(1);
    }

    @Test
    void shouldRetryOtherClientErrorsByDefault() {
        fixture.receiver.script("/missing", Behaviour.status(404), Behaviour.ok());
        DeliveryJob job = deliver(subscribe("sub-missing", "/missing"), "evt-missing");

        assertThat(fixture.awaitAttempts(job.jobId(), 2)).extracting(AttemptRecord::outcome)
                .containsExactly(AttemptOutcome.RETRY, AttemptOutcome.SUCCESS);
    }

    @Test
    void shouldDeadLetterAJobOfADeletedSubscriptionAndSayWhy() {
        Subscription deleted = subscribe("sub-deleted", "/deleted");
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.latestSubscription(deleted.id()).isPresent());
        fixture.deleteSubscription(deleted.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.latestSubscription(deleted.id()).isEmpty());
        DeliveryJob job = fixture.job(deleted, "evt-deleted", "{}");
        fixture.route(job);

        AttemptRecord attempt = fixture.awaitAttempts(job.jobId(), 1).get(0);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.SKIPPED);
        assertThat(attempt.error()).contains("subscription deleted");
        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.deadLetters(job.jobId()).isEmpty());
        assertThat(fixture.deadLetters(job.jobId()).get(0).cause()).isEqualTo(DeadLetterCause.DELETED);
        assertThat(fixture.receiver.requests("/deleted")).isEmpty();
    }

    @Test
    void shouldRefuseAnAddressOutsideTheAllowListWithoutSendingAnything() {
        Subscription internal = Subscriptions.of("sub-internal", "http://127.0.0.2:" + fixture.receiver.port() + "/internal", secret);
        fixture.subscription(internal);
        DeliveryJob job = deliver(internal, "evt-internal");

        AttemptRecord attempt = fixture.awaitAttempts(job.jobId(), 1).get(0);
        assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.SKIPPED);
        assertThat(attempt.error()).get().asString().contains("127.0.0.2 is a loopback address");
        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.deadLetters(job.jobId()).isEmpty());
        assertThat(fixture.deadLetters(job.jobId()).get(0).reason()).startsWith("address refused");
        assertThat(fixture.receiver.requests("/internal")).isEmpty();
    }

    @Test
    void shouldSignACallbackJobWithTheTenantsDefaultSecret() {
        WebhookSecret tenantSecret = WebhookSecret.generate();
        fixture.tenant(new Tenant("credas", "Credas", tenantSecret.encoded(), Instant.now(), Optional.empty()));
        Instant now = Instant.now();
        DeliveryJob job = new DeliveryJob("msg_callback1", "evt-process-1", "credas", Optional.empty(),
                Optional.of(fixture.receiver.url("/callback?our-reference=1232323")), "processComplete", "application/json",
                "{\"ProcessId\":\"p-1\",\"Status\":\"Complete\"}".getBytes(StandardCharsets.UTF_8), now, now, 1, now);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            fixture.route(job);
            return fixture.receiver.requests("/callback").stream().anyMatch(r -> r.webhookId().equals(job.jobId()));
        });

        ReceivedRequest request = fixture.receiver.requests("/callback").get(0);
        assertThat(request.signatureVerifies(tenantSecret)).isTrue();
        assertThat(request.query()).contains("our-reference=1232323");
        assertThat(fixture.awaitAttempts(job.jobId(), 1).get(0).outcome()).isEqualTo(AttemptOutcome.SUCCESS);
    }

    @Test
    void shouldExposeTheDeliveryMetersWithFixedTags() throws Exception {
        DeliveryJob job = deliver(subscribe("sub-metered", "/metered"), "evt-metered");
        fixture.awaitAttempts(job.jobId(), 1);

        java.net.http.HttpResponse<String> scrape = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + fixture.worker.port() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String metrics = scrape.body();
        assertThat(metrics).containsPattern("webhook_delivery_attempts_total\\{outcome=\"success\",status_class=\"2xx\"\\} [1-9]");
        assertThat(metrics).contains("webhook_delivery_attempt_duration_seconds_bucket", "webhook_delivery_latency_seconds_bucket",
                "webhook_delivery_in_flight", "webhook_retry_backlog{tier=\"1s\"}", "webhook_retry_oldest_due_age_seconds{tier=\"2s\"}",
                "webhook_delivery_dead_letters_total{reason=\"exhausted\"}", "webhook_endpoint_circuits_open",
                "webhook_subscription_disabled_total{cause=\"gone\"}", "webhook_delivery_deferred_total{reason=\"concurrency\"}");
        assertThat(metrics).doesNotContain("sub-metered").doesNotContain("evt-metered");
    }

    @Test
    void shouldDeadLetterACallbackJobWhoseUrlIsGone() {
        fixture.tenant(new Tenant("portal", "Portal", WebhookSecret.generate().encoded(), Instant.now(), Optional.empty()));
        fixture.receiver.always("/callback-gone", Behaviour.status(410));
        Instant now = Instant.now();
        DeliveryJob job = new DeliveryJob("msg_callbackgone", "evt-process-2", "portal", Optional.empty(),
                Optional.of(fixture.receiver.url("/callback-gone")), "processComplete", "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                now, now, 1, now);
        // Routed again until the worker's view of the tenants has the new tenant.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            fixture.route(job);
            return fixture.attempts(job.jobId()).stream().anyMatch(a -> a.statusCode().equals(Optional.of(410)));
        });

        assertThat(fixture.attempts(job.jobId())).filteredOn(a -> a.statusCode().isPresent())
                .allSatisfy(a -> assertThat(a.outcome()).isEqualTo(AttemptOutcome.DLQ));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.deadLetters(job.jobId()).stream().anyMatch(d -> d.reason().equals("410 Gone")));
        assertThat(fixture.receiver.requests("/callback-gone")).allMatch(r -> r.webhookId().equals(job.jobId()));
    }
}
