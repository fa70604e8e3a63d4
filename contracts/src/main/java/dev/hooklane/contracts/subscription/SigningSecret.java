package dev.hooklane.contracts.subscription;

import dev.hooklane.contracts.signing.WebhookSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The secrets after a rotation at {@code now}: {@code fresh} first, then each secret of
     * {@code current} that still signs, for {@code overlap} at most (an earlier expiry stays).
     */
    public static List<SigningSecret> rotated(List<SigningSecret> current, String fresh, Duration overlap, Instant now) {
        Instant previousUntil = now.plus(overlap);
        List<SigningSecret> secrets = new ArrayList<>();
        secrets.add(new SigningSecret(fresh, now, Optional.empty()));
        for (SigningSecret old : current) {
            Instant until = old.expiresAt.filter(e -> e.isBefore(previousUntil)).orElse(previousUntil);
            if (old.activeAt(now) && now.isBefore(until)) {
                secrets.add(new SigningSecret(old.secret, old.createdAt, Optional.of(until)));
            }
        }
        return List.copyOf(secrets);
    }

    @Override
    public String toString() {
        return "SigningSecret[createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }
}
