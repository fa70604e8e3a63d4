package dev.hooklane.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.delivery.endpoint.EndpointGuard;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetResolverTest {

    private static final Instant NOW = Instant.parse("2026-11-23T14:00:00Z");

    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final TargetResolver resolver = new TargetResolver(id -> Optional.ofNullable(subscriptions.get(id)), tenant -> Optional.empty(),
            Duration.ofSeconds(15), new EndpointGuard.Limits(20, 1000));

    @Test
    void shouldFollowTheSubscriptionsCurrentVersion() {
        WebhookSecret secret = WebhookSecret.generate();
        subscriptions.put("sub-1", Subscription.create("sub-1", "acme", "https://a.example.com/hook", List.of("t"), secret.encoded(), NOW));
        assertThat(send(resolver.resolve(job(), NOW)).url()).isEqualTo(URI.create("https://a.example.com/hook"));

        subscriptions.put("sub-1", Subscription.create("sub-1", "acme", "https://b.example.com/hook?x=1", List.of("t"), secret.encoded(), NOW));

        DeliveryTarget target = send(resolver.resolve(job(), NOW));
        assertThat(target.url()).isEqualTo(URI.create("https://b.example.com/hook?x=1"));
        assertThat(target.secrets()).containsExactly(secret);
    }

    @Test
    void shouldSignWithTheSecretsActiveAtEachAttemptNewestFirst() {
        WebhookSecret previous = WebhookSecret.generate();
        WebhookSecret current = WebhookSecret.generate();
        Subscription rotated = new Subscription("sub-1", "acme", "https://a.example.com/hook", List.of("t"), List.of(), null, null, null, true,
                null, null, List.of(new SigningSecret(previous.encoded(), NOW.minusSeconds(3600), Optional.of(NOW.plusSeconds(60))),
                new SigningSecret(current.encoded(), NOW, Optional.empty())), null, null, null, NOW, NOW);
        subscriptions.put("sub-1", rotated);

        assertThat(send(resolver.resolve(job(), NOW)).secrets()).containsExactly(current, previous);
        assertThat(send(resolver.resolve(job(), NOW.plusSeconds(61))).secrets()).containsExactly(current);
    }

    @Test
    void shouldTreatAJobOfADeletedSubscriptionAsUnsendable() {
        subscriptions.put("sub-1", Subscription.create("sub-1", "acme", "https://a.example.com/hook", List.of("t"),
                WebhookSecret.generate().encoded(), NOW));
        send(resolver.resolve(job(), NOW));

        subscriptions.remove("sub-1");
        resolver.forgetStale();

        assertThat(resolver.resolve(job(), NOW)).isEqualTo(new TargetResolver.Unsendable("subscription deleted", false));
    }

    private static DeliveryTarget send(TargetResolver.Resolution resolution) {
        assertThat(resolution).isInstanceOf(TargetResolver.Send.class);
        return ((TargetResolver.Send) resolution).target();
    }

    private static DeliveryJob job() {
        return new DeliveryJob("msg_1", "evt-1", "acme", Optional.of("sub-1"), Optional.empty(), "t", "application/json", "{}", NOW, NOW, 1, NOW);
    }
}
