package dev.hooklane.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.contracts.delivery.DeadLetters;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every job ends delivered or dead-lettered with a reason: the ways a job used to end in neither. */
@Tag("kafka")
class NoJobInLimboTest {

    private static WorkerFixture fixture;
    private final WebhookSecret secret = WebhookSecret.generate();

    @BeforeAll
    static void start() {
        fixture = new WorkerFixture("limbo", List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), Map.of());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void shouldDeliverAJobWhoseSubscriptionTheWorkerLearnsOfOnlyAfterTheJob() {
        Subscription late = Subscriptions.of("sub-late", fixture.receiver.url("/late"), secret);
        DeliveryJob job = fixture.job(late, "evt-late", "{\"id\":\"late\"}");
        // The job reaches the worker before the subscription it was routed for, as when the worker's view lags the router's.
        fixture.route(job);
        fixture.subscription(late);

        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.receiver.requests("/late").isEmpty());
        assertThat(fixture.awaitAttempts(job.jobId(), 1)).extracting(a -> a.outcome()).containsExactly(AttemptOutcome.SUCCESS);
    }

    @Test
    void shouldDeadLetterAJobWhoseStoredUrlHasAPortNoSocketTakes() {
        // Written straight to the topic, as an older API that took any port could have.
        Subscription impossible = Subscriptions.of("sub-port", "http://127.0.0.1:65536/hook", secret);
        fixture.subscription(impossible);
        DeliveryJob job = fixture.job(impossible, "evt-port", "{}");
        fixture.route(job);

        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.deadLetters(job.jobId()).isEmpty());
        assertThat(fixture.deadLetters(job.jobId()).get(0).cause()).isEqualTo(DeadLetterCause.UNSENDABLE);
        assertThat(fixture.deadLetters(job.jobId()).get(0).reason()).contains("port");
        assertThat(fixture.awaitAttempts(job.jobId(), 1).get(0).outcome()).isEqualTo(AttemptOutcome.SKIPPED);
    }

    @Test
    void shouldDeadLetterAnUnreadableRecordWithItsBytesAndGoOn() {
        byte[] garbage = "{\"jobId\":\"half a job".getBytes(StandardCharsets.UTF_8);
        fixture.send(new ProducerRecord<>(fixture.catalog.deliveries().name(), "sub-garbage", garbage));
        Subscription after = Subscriptions.of("sub-after-garbage", fixture.receiver.url("/after-garbage"), secret);
        fixture.subscription(after);
        DeliveryJob job = fixture.job(after, "evt-after-garbage", "{}");
        fixture.route(job);

        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.deadLetterEntries().stream()
                .anyMatch(entry -> entry instanceof DeadLetters.Unreadable unreadable && new String(unreadable.value(), StandardCharsets.UTF_8)
                        .equals(new String(garbage, StandardCharsets.UTF_8))));
        assertThat(fixture.deadLetterEntries()).filteredOn(DeadLetters.Unreadable.class::isInstance)
                .allSatisfy(entry -> assertThat(entry.cause()).isEqualTo(DeadLetterCause.UNREADABLE));
        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.receiver.requests("/after-garbage").isEmpty());
    }
}
