package dev.hooklane.contracts.tenant;

import dev.hooklane.contracts.subscription.SigningSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An account of the platform, as stored on the compacted tenants topic (key = tenant id).
 *
 * @param id short stable id, e.g. {@code acme}
 * @param name display name
 * @param defaultSecret the current {@code whsec_} callback secret: it signs jobs without a subscription
 *     (events that carry their own callback URL)
 * @param createdAt when it was created
 * @param disabledAt when it was disabled; a disabled tenant's keys stop working
 * @param previousSecrets callback secrets replaced by a rotation, each signing on until its
 *     {@code expiresAt}; absent in records written before rotations existed
 */
public record Tenant(String id, String name, String defaultSecret, Instant createdAt, Optional<Instant> disabledAt,
                     List<SigningSecret> previousSecrets) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public Tenant {
        Objects.requireNonNull(id, "id");
        if (!isValidId(id)) {
            throw new IllegalArgumentException(idRule());
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultSecret, "defaultSecret");
        Objects.requireNonNull(createdAt, "createdAt");
        disabledAt = disabledAt == null ? Optional.empty() : disabledAt;
        previousSecrets = previousSecrets == null ? List.of() : List.copyOf(previousSecrets);
        if (previousSecrets.stream().anyMatch(secret -> secret.expiresAt().isEmpty())) {
            throw new IllegalArgumentException("every previous callback secret has an expiry");
        }
    }

    /** A tenant whose callback secret was never rotated. */
    public Tenant(String id, String name, String defaultSecret, Instant createdAt, Optional<Instant> disabledAt) {
        this(id, name, defaultSecret, createdAt, disabledAt, List.of());
    }

    /**
     * The callback secrets that sign at {@code now}, the current one first. A tenant keeps no
     * creation time per secret, so the current one is dated by the tenant's creation.
     */
    public List<SigningSecret> activeSecrets(Instant now) {
        return allSecrets().stream().filter(secret -> secret.activeAt(now)).toList();
    }

    /** The same tenant with {@code secret} as its callback secret, the previous ones signing on for {@code overlap}. */
    public Tenant withCallbackSecret(String secret, Duration overlap, Instant now) {
        List<SigningSecret> rotated = SigningSecret.rotated(allSecrets(), secret, overlap, now);
        return new Tenant(id, name, secret, createdAt, disabledAt, rotated.subList(1, rotated.size()));
    }

    private List<SigningSecret> allSecrets() {
        List<SigningSecret> all = new ArrayList<>();
        all.add(new SigningSecret(defaultSecret, createdAt, Optional.empty()));
        all.addAll(previousSecrets);
        return all;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String idRule() {
        return "a tenant id has 1 to 63 characters: lowercase letters, digits, '_' and '-', starting with a letter or digit";
    }

    public boolean active() {
        return disabledAt.isEmpty();
    }

    @Override
    public String toString() {
        return "Tenant[id=" + id + ", name=" + name + ", active=" + active() + "]";
    }
}
