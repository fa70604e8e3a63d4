package dev.hooklane.reliability.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hooklane.contracts.delivery.JobIds;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.signing.WebhookHeaders;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.signing.WebhookSigner;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.reliability.ledger.DeliveryLedger.TrackedSubscription;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ledger on hand-made inputs: it must see a loss, a duplicate, a stranger and a forgery. */
class DeliveryLedgerTest {

    private final WebhookSecret secret = WebhookSecret.generate();
    private final DeliveryLedger ledger = new DeliveryLedger();

    private static EventEnvelope event(String id, String tenant, String type, String municipality) {
        return new EventEnvelope(id, URI.create("/test"), type, Instant.now(), Optional.empty(), tenant,
                JsonNodeFactory.instance.objectNode().put("municipalityId", municipality), Optional.empty());
    }

    private ReceivedRequest delivery(String eventId, String subscriptionId, WebhookSecret signedWith) {
        return delivery(eventId, subscriptionId, signedWith, Instant.now());
    }

    private ReceivedRequest delivery(String eventId, String subscriptionId, WebhookSecret signedWith, Instant receivedAt) {
        String jobId = JobIds.of(eventId, subscriptionId);
        byte[] body = "{\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        return new ReceivedRequest("POST", "/hook", Optional.empty(), Map.of(WebhookHeaders.ID, jobId,
                WebhookHeaders.TIMESTAMP, Long.toString(timestamp), WebhookHeaders.SIGNATURE,
                WebhookSigner.sign(jobId, timestamp, body, List.of(signedWith))), body, receivedAt);
    }

    private void send(EventEnvelope event) {
        ledger.sending(event);
        ledger.acknowledged(event.id());
    }

    @Test
    void shouldExpectOnePairPerMatchingSubscriptionAndBalanceWhenAllArrive() {
        ledger.subscribed(new TrackedSubscription("s-all", "t1", List.of("*"), List.of(), secret, true));
        ledger.subscribed(new TrackedSubscription("s-report", "t1", List.of("report.*"), List.of(), secret, true));
        ledger.subscribed(new TrackedSubscription("s-m1", "t1", List.of("report.created"),
                List.of(new FilterCondition("data.municipalityId", List.of("m-1"))), secret, true));
        ledger.subscribed(new TrackedSubscription("s-other-tenant", "t2", List.of("*"), List.of(), secret, true));
        send(event("e1", "t1", "report.created", "m-1"));
        send(event("e2", "t1", "process.done", "m-2"));

        assertThat(ledger.outstanding()).isEqualTo(4);
        List.of("s-all", "s-report", "s-m1").forEach(s -> ledger.accepted(delivery("e1", s, secret)));
        ledger.accepted(delivery("e2", "s-all", secret));

        LedgerReport report = ledger.reconcile();
        assertThat(ledger.outstanding()).isZero();
        assertThat(report.requiredPairs()).isEqualTo(4);
        assertThat(report.delivered()).isEqualTo(4);
        assertThat(report.lost()).isZero();
        assertThat(report.duplicates()).isZero();
        assertThat(report.unexpected()).isZero();
    }

    @Test
    void shouldCountALossAndADuplicate() {
        ledger.subscribed(new TrackedSubscription("s1", "t1", List.of("*"), List.of(), secret, true));
        send(event("e1", "t1", "a", "m"));
        send(event("e2", "t1", "a", "m"));
        ledger.accepted(delivery("e1", "s1", secret));
        ledger.accepted(delivery("e1", "s1", secret));

        LedgerReport report = ledger.reconcile();
        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.lostSample()).singleElement().asString().contains("e2");
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.delivered()).isEqualTo(1);
    }

    @Test
    void shouldMeasureHowLongBeforeTheNextFaultEachDuplicateFirstArrived() {
        ledger.subscribed(new TrackedSubscription("s1", "t1", List.of("*"), List.of(), secret, true));
        send(event("e1", "t1", "a", "m"));
        send(event("e2", "t1", "a", "m"));
        send(event("e3", "t1", "a", "m"));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        ledger.accepted(delivery("e1", "s1", secret, start));
        ledger.accepted(delivery("e1", "s1", secret, start.plusSeconds(7)));
        ledger.accepted(delivery("e1", "s1", secret, start.plusSeconds(8)));
        ledger.accepted(delivery("e2", "s1", secret, start.plusMillis(4_900)));
        ledger.accepted(delivery("e2", "s1", secret, start.plusSeconds(9)));
        ledger.accepted(delivery("e3", "s1", secret, start.plusSeconds(20)));
        ledger.accepted(delivery("e3", "s1", secret, start.plusSeconds(21)));

        List<Duration> leads = ledger.duplicateLeads(List.of(start.plusSeconds(12), start.plusMillis(5_030)));

        assertThat(leads).containsExactlyInAnyOrder(Duration.ofMillis(5_030), Duration.ofMillis(5_030), Duration.ofMillis(130));
    }

    @Test
    void shouldCountADeadLetterWithAReasonAsResolvedAndOneWithoutAsLost() {
        ledger.subscribed(new TrackedSubscription("s1", "t1", List.of("*"), List.of(), secret, true));
        send(event("e1", "t1", "a", "m"));
        send(event("e2", "t1", "a", "m"));
        ledger.deadLettered(JobIds.of("e1", "s1"), "exhausted 5 attempts: 503 x5");
        ledger.deadLettered(JobIds.of("e2", "s1"), " ");

        LedgerReport report = ledger.reconcile();
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.deadLetterReasons()).containsEntry("exhausted 5", 1);
        assertThat(report.deadLetteredWithoutReason()).isEqualTo(1);
        assertThat(report.lost()).isEqualTo(1);
    }

    @Test
    void shouldCountDeliveriesToSubscriptionsThatDidNotMatchAndForgedSignatures() {
        ledger.subscribed(new TrackedSubscription("s-a", "t1", List.of("a"), List.of(), secret, true));
        ledger.subscribed(new TrackedSubscription("s-b", "t1", List.of("b"), List.of(), secret, true));
        send(event("e1", "t1", "a", "m"));
        ledger.accepted(delivery("e1", "s-b", secret));
        ledger.accepted(delivery("e1", "s-a", WebhookSecret.generate()));

        LedgerReport report = ledger.reconcile();
        assertThat(report.unexpected()).isEqualTo(1);
        assertThat(report.badSignatures()).isEqualTo(1);
        assertThat(report.lost()).as("a forged delivery is no delivery").isEqualTo(1);
    }

    @Test
    void shouldAllowButNotRequireUnacknowledgedEventsAndOptionalSubscriptions() {
        ledger.subscribed(new TrackedSubscription("s-kept", "t1", List.of("*"), List.of(), secret, true));
        ledger.subscribed(new TrackedSubscription("s-deleted", "t1", List.of("*"), List.of(), secret, false));
        EventEnvelope unacknowledged = event("e-503", "t1", "a", "m");
        ledger.sending(unacknowledged);
        send(event("e1", "t1", "a", "m"));
        ledger.accepted(delivery("e-503", "s-kept", secret));
        ledger.accepted(delivery("e1", "s-kept", secret));
        ledger.accepted(delivery("e1", "s-deleted", secret));

        LedgerReport report = ledger.reconcile();
        assertThat(report.requiredPairs()).isEqualTo(1);
        assertThat(report.lost()).isZero();
        assertThat(report.unexpected()).isZero();
        assertThat(report.optionalDelivered()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnAcknowledgementOfAnEventNeverSent() {
        assertThatThrownBy(() -> ledger.acknowledged("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
