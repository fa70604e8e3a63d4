package dev.hooklane.contracts.subscription;

import dev.hooklane.contracts.signing.WebhookSecret;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A signing secret of a subscription. The current secret has no expiry; after a rotation the
 * previous one keeps signing until {@code expiresAt}.
 *
 * @param secret the {@code whsec_} form
 */
public record SigningSecret(String secret, Instant createdAt, Optional<Instant> expiresAt) {

    public SigningSecret {
        Objects.requireNonNull(secret, "secret");
        WebhookSecret.parse(secret);
        Objects.requireNonNull(createdAt, "createdAt");
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
    }

    public boolean activeAt(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }

    public WebhookSecret key() {
        return WebhookSecret.parse(secret);
    }

    @Override
    public String toString() {
        return "SigningSecret[createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }
}
