package dev.hooklane.contracts.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's API key as stored on the compacted api-keys topic (key = {@link #hash()}). The key
 * itself is shown once at creation and never stored: only its SHA-256, which is enough for
 * 256-bit random keys.
 *
 * @param hash hex SHA-256 of the key text
 * @param id public id to list and revoke it, {@code key_} and the first 16 hex digits of the hash
 * @param tenant owning tenant
 * @param name what the key is for
 * @param createdAt when it was made
 * @param revokedAt when it was revoked; a revoked key is refused everywhere
 */
public record ApiKey(String hash, String id, String tenant, String name, Instant createdAt, Optional<Instant> revokedAt) {

    /** The prefix of every key's text, so leaked keys are easy to recognise. */
    public static final String PREFIX = "hk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiKey {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        revokedAt = revokedAt == null ? Optional.empty() : revokedAt;
    }

    /** A new random key's text: {@code hk_} and 43 URL-safe characters (256 bits). */
    public static String newKeyText() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a key's text. */
    public static ApiKey issue(String keyText, String tenant, String name, Instant now) {
        String hash = hash(keyText);
        return new ApiKey(hash, idOf(hash), tenant, name, now, Optional.empty());
    }

    public static String hash(String keyText) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keyText.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String idOf(String hash) {
        return "key_" + hash.substring(0, 16);
    }

    public boolean active() {
        return revokedAt.isEmpty();
    }

    public ApiKey revoked(Instant now) {
        return new ApiKey(hash, id, tenant, name, createdAt, Optional.of(now));
    }
}
