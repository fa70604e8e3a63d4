package dev.hooklane.local;

import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.CompactedTopicView;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * The secrets the demo receiver checks a delivery against: the demo secret, then every secret the
 * platform holds (each subscription's, each tenant's callback secret), read from their topics. A
 * real receiver knows its one secret; the demo receiver stands in for every subscriber of the
 * walkthroughs, whose subscriptions may each have been given a secret of their own.
 */
final class KnownSecrets implements AutoCloseable {

    private final WebhookSecret demoSecret;
    private final CompactedTopicView<Subscription> subscriptions;
    private final CompactedTopicView<Tenant> tenants;

    KnownSecrets(WebhookSecret demoSecret, KafkaSettings kafka) {
        this.demoSecret = demoSecret;
        this.subscriptions = new CompactedTopicView<>(kafka, kafka.catalog().subscriptions(), "demo-receiver-subscriptions").start();
        this.tenants = new CompactedTopicView<>(kafka, kafka.catalog().tenants(), "demo-receiver-tenants").start();
    }

    /** Which secret the delivery's signature verifies with, if any. */
    Optional<String> verifiedBy(ReceivedRequest request) {
        if (request.signatureVerifies(demoSecret)) {
            return Optional.of("the demo secret");
        }
        for (Subscription subscription : subscriptions.values()) {
            for (SigningSecret secret : subscription.secrets()) {
                if (request.signatureVerifies(secret.key())) {
                    return Optional.of("the secret of subscription " + subscription.id());
                }
            }
        }
        for (Tenant tenant : tenants.values()) {
            for (SigningSecret secret : tenant.activeSecrets(Instant.now())) {
                if (request.signatureVerifies(secret.key())) {
                    return Optional.of("tenant " + tenant.id() + "'s callback secret");
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        subscriptions.close();
        tenants.close();
    }
}
