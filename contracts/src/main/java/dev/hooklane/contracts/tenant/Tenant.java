package dev.hooklane.contracts.tenant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An account of the platform, as stored on the compacted tenants topic (key = tenant id).
 *
 * @param id short stable id, e.g. {@code acme}
 * @param name display name
 * @param defaultSecret the {@code whsec_} secret that signs jobs without a subscription (events
 *     that carry their own callback URL)
 * @param createdAt when it was created
 * @param disabledAt when it was disabled; a disabled tenant's keys stop working
 */
public record Tenant(String id, String name, String defaultSecret, Instant createdAt, Optional<Instant> disabledAt) {

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
