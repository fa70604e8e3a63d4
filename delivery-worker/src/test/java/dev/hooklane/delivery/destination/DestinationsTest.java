package dev.hooklane.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.delivery.endpoint.EndpointLimits;
import dev.hooklane.delivery.http.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;

class DestinationsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T14:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(1);

    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final Map<String, Tenant> tenants = new HashMap<>();
    private Instant subscriptionsCaughtUpTo = NOW.plusSeconds(5);
    private Instant tenantsCaughtUpTo = NOW.plusSeconds(5);
    private final Destinations destinations = new Destinations(
            new Destinations.Table<>(id -> Optional.ofNullable(subscriptions.get(id)), () -> subscriptionsCaughtUpTo),
            new Destinations.Table<>(id -> Optional.ofNullable(tenants.get(id)), () -> tenantsCaughtUpTo),
            Duration.ofSeconds(15), new EndpointLimits(20, 1000), SKEW);

    @Test
    void shouldFollowTheSubscriptionsCurrentVersion() {
        WebhookSecret secret = WebhookSecret.generate();
        subscriptions.put("sub-1", Subscription.create("sub-1", "acme", "https://a.example.com/hook", List.of("t"), secret.encoded(), NOW));
        assertThat(send(destinations.resolve(job(), NOW)).request()).isEqualTo(WebhookRequest.to(URI.create("https://a.example.com/hook")));

        subscriptions.put("sub-1", Subscription.create("sub-1", "acme", "https://b.example.com:8443/hook?x=1", List.of("t"), secret.encoded(), NOW));

        Destination destination = send(destinations.resolve(job(), NOW));
        assertThat(destination.request()).isEqualTo(new WebhookRequest(new HttpHost("https", "b.example.com", 8443), "/hook?x=1"));
        assertThat(destination.secrets()).containsExactly(secret);
        assertThat(destination.endpoint()).isEqualTo("sub:sub-1");
    }

    @Test
    void shouldSignWithTheSecretsActiveAtEachAttemptNewestFirst() {
        WebhookSecret previous = WebhookSecret.generate();
        WebhookSecret current = WebhookSecret.generate();
        Subscription rotated = new Subscription("sub-1", "acme", "https://a.example.com/hook", List.of("t"), List.of(), null, null, null, true,
                null, null, List.of(new SigningSecret(previous.encoded(), NOW.minusSeconds(3600), Optional.of(NOW.plusSeconds(60))),
                new SigningSecret(current.encoded(), NOW, Optional.empty())), null, null, null, NOW, NOW);
        subscriptions.put("sub-1", rotated);

        assertThat(send(destinations.resolve(job(), NOW)).secrets()).containsExactly(current, previous);
        assertThat(send(destinations.resolve(job(), NOW.plusSeconds(61))).secrets()).containsExactly(current);
    }

    @Test
    void shouldWaitForTheViewToCatchUpBeforeTakingAnUnknownSubscriptionForDeleted() {
        subscriptionsCaughtUpTo = NOW.plus(SKEW).minusMillis(1);
        assertThat(destinations.resolve(job(), NOW)).isInstanceOf(Destinations.NotYetKnown.class);

        subscriptionsCaughtUpTo = NOW.plus(SKEW);
        assertThat(destinations.resolve(job(), NOW)).isEqualTo(new Destinations.Unsendable(DeadLetterCause.DELETED, "subscription deleted"));
    }

    @Test
    void shouldTreatASubscriptionDeletedSinceAsDeleted() {
        subscriptions.put("sub-1", Subscription.create("sub-1", "acme", "https://a.example.com/hook", List.of("t"),
                WebhookSecret.generate().encoded(), NOW));
        send(destinations.resolve(job(), NOW));

        subscriptions.remove("sub-1");
        destinations.forgetStale();

        assertThat(destinations.resolve(job(), NOW)).isEqualTo(new Destinations.Unsendable(DeadLetterCause.DELETED, "subscription deleted"));
    }

    @Test
    void shouldDeadLetterJobsOfDisabledSubscriptionsAndTenants() {
        subscriptions.put("sub-1", Subscription.create("sub-1", "acme", "https://a.example.com/hook", List.of("t"),
                WebhookSecret.generate().encoded(), NOW).disabled("410 Gone", NOW));
        assertThat(destinations.resolve(job(), NOW)).isInstanceOfSatisfying(Destinations.Unsendable.class,
                unsendable -> assertThat(unsendable.cause()).isEqualTo(DeadLetterCause.DISABLED));

        tenants.put("credas", new Tenant("credas", "Credas", WebhookSecret.generate().encoded(), NOW, Optional.of(NOW)));
        assertThat(tenants.get("credas").active()).isFalse();
        assertThat(destinations.resolve(callbackJob("https://credas.example.com/cb"), NOW)).isInstanceOfSatisfying(Destinations.Unsendable.class,
                unsendable -> assertThat(unsendable.cause()).isEqualTo(DeadLetterCause.DISABLED));
    }

    @Test
    void shouldWaitForAnUnknownTenantOfACallbackJobToo() {
        tenantsCaughtUpTo = NOW;
        assertThat(destinations.resolve(callbackJob("https://credas.example.com/cb"), NOW)).isInstanceOf(Destinations.NotYetKnown.class);

        tenants.put("credas", new Tenant("credas", "Credas", WebhookSecret.generate().encoded(), NOW, Optional.empty()));
        Destination destination = send(destinations.resolve(callbackJob("https://credas.example.com/cb?r=1"), NOW));
        assertThat(destination.endpoint()).isEqualTo("callback:credas:credas.example.com:443");
        assertThat(destination.subscription()).isEmpty();
    }

    @Test
    void shouldSignACallbackWithThePreviousTenantSecretTooDuringTheOverlap() {
        String first = WebhookSecret.generate().encoded();
        String second = WebhookSecret.generate().encoded();
        tenants.put("credas", new Tenant("credas", "Credas", first, NOW.minusSeconds(3600), Optional.empty())
                .withCallbackSecret(second, Duration.ofMinutes(10), NOW));
        assertThat(send(destinations.resolve(callbackJob("https://credas.example.com/cb"), NOW.plusSeconds(60))).secrets())
                .containsExactly(WebhookSecret.parse(second), WebhookSecret.parse(first));
        assertThat(send(destinations.resolve(callbackJob("https://credas.example.com/cb"), NOW.plus(Duration.ofMinutes(10)))).secrets())
                .containsExactly(WebhookSecret.parse(second));
    }

    @Test
    void shouldRefuseAStoredUrlThatBreaksTheWebhookUrlRule() {
        subscriptions.put("sub-1", Subscription.create("sub-1", "acme", "https://a.example.com:65536/hook", List.of("t"),
                WebhookSecret.generate().encoded(), NOW));
        assertThat(destinations.resolve(job(), NOW)).isEqualTo(new Destinations.Unsendable(DeadLetterCause.UNSENDABLE,
                "the subscription URL must have a port from 1 to 65535, or none"));
        tenants.put("credas", new Tenant("credas", "Credas", WebhookSecret.generate().encoded(), NOW, Optional.empty()));
        assertThat(destinations.resolve(callbackJob("https://credas.example.com:0/cb"), NOW)).isInstanceOfSatisfying(
                Destinations.Unsendable.class, unsendable -> assertThat(unsendable.cause()).isEqualTo(DeadLetterCause.UNSENDABLE));
    }

    private static Destination send(Destinations.Resolution resolution) {
        assertThat(resolution).isInstanceOf(Destinations.Send.class);
        return ((Destinations.Send) resolution).destination();
    }

    private static DeliveryJob job() {
        return new DeliveryJob("msg_1", "evt-1", "acme", Optional.of("sub-1"), Optional.empty(), "t", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), NOW, NOW, 1, NOW);
    }

    private static DeliveryJob callbackJob(String url) {
        return new DeliveryJob("msg_2", "evt-2", "credas", Optional.empty(), Optional.of(url), "t", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), NOW, NOW, 1, NOW);
    }
}
