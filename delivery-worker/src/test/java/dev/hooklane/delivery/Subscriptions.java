package dev.hooklane.delivery;

import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Subscriptions for tests: tenant {@code acme}, every event type, a 1s response timeout. */
final class Subscriptions {

    private Subscriptions() {
    }

    static Subscription of(String id, String url, WebhookSecret secret) {
        return of(id, url, List.of(new SigningSecret(secret.encoded(), Instant.now(), Optional.empty())), Map.of(), Optional.empty());
    }

    static Subscription of(String id, String url, List<SigningSecret> secrets, Map<String, String> headers, Optional<Integer> ratePerSecond) {
        Instant now = Instant.now();
        return new Subscription(id, "acme", url, List.of("*"), List.of(), Optional.empty(), Optional.empty(), headers, true, Optional.empty(),
                PayloadFormat.STANDARD, secrets, ratePerSecond, Optional.of(Duration.ofSeconds(1)), Map.of(), now, now);
    }
}
