package dev.hooklane.service.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling: a tenant (by one of its API keys) or the platform admin (by the bootstrap key).
 *
 * @param tenant the tenant, empty for the admin
 * @param keyId the id of the key used, {@code admin} for the bootstrap key
 */
public record Caller(Optional<String> tenant, String keyId) {

    public Caller {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(keyId, "keyId");
    }

    public static Caller admin() {
        return new Caller(Optional.empty(), "admin");
    }

    public static Caller tenant(String tenant, String keyId) {
        return new Caller(Optional.of(tenant), keyId);
    }

    public boolean isAdmin() {
        return tenant.isEmpty();
    }
}
