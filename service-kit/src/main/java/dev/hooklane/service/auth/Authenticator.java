package dev.hooklane.service.auth;

import dev.hooklane.contracts.tenant.ApiKey;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.kafka.CompactedTopicView;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the caller of a request from {@code Authorization: Bearer <key>} or, as seed 003's
 * clients send it, {@code Ocp-Apim-Subscription-Key: <key>}. Tenant keys are looked up by hash in
 * the api-keys view, so a revocation written by any instance is honoured by all within the view's
 * lag (well under a second). A client that keeps failing is refused with 429 for a while; see
 * {@link AuthFailureThrottle}.
 */
public final class Authenticator {

    /** The alias header of seed 003 (Azure API Management style). */
    public static final String SUBSCRIPTION_KEY_HEADER = "Ocp-Apim-Subscription-Key";

    private final CompactedTopicView<ApiKey> keys;
    private final CompactedTopicView<Tenant> tenants;
    private final Optional<byte[]> adminKeyHash;
    private final AuthFailureThrottle throttle;

    /**
     * @param adminKey the bootstrap admin key; empty disables admin access
     */
    public Authenticator(CompactedTopicView<ApiKey> keys, CompactedTopicView<Tenant> tenants, Optional<String> adminKey) {
        this(keys, tenants, adminKey, AuthFailureThrottle.defaults());
    }

    public Authenticator(CompactedTopicView<ApiKey> keys, CompactedTopicView<Tenant> tenants, Optional<String> adminKey,
                         AuthFailureThrottle throttle) {
        this.keys = keys;
        this.tenants = tenants;
        this.adminKeyHash = adminKey.map(Authenticator::sha256);
        this.throttle = throttle;
    }

    /** @throws ProblemException 401 when no valid key is presented, 429 after too many such requests from one client */
    public Caller authenticate(Context ctx) {
        String client = throttle.clientOf(ctx);
        throttle.waitFor(client).ifPresent(wait -> {
            throw ProblemException.tooManyRequests("too many requests with missing or invalid API keys from this client; retry later", wait);
        });
        try {
            return identify(ctx);
        } catch (ProblemException e) {
            throttle.failed(client);
            throw e;
        }
    }

    private Caller identify(Context ctx) {
        String presented = presentedKey(ctx).orElseThrow(() -> ProblemException.unauthorized(
                "send an API key as 'Authorization: Bearer <key>' or '" + SUBSCRIPTION_KEY_HEADER + ": <key>'"));
        if (adminKeyHash.isPresent() && MessageDigest.isEqual(adminKeyHash.get(), sha256(presented))) {
            return Caller.admin();
        }
        return keys.get(ApiKey.hash(presented))
                .filter(ApiKey::active)
                .filter(key -> tenants.get(key.tenant()).map(Tenant::active).orElse(false))
                .map(key -> Caller.tenant(key.tenant(), key.id()))
                .orElseThrow(() -> ProblemException.unauthorized("the API key is unknown or revoked"));
    }

    /** The caller's tenant; 403 for the admin key, which owns no data. */
    public String tenantOf(Context ctx) {
        Caller caller = authenticate(ctx);
        return caller.tenant().orElseThrow(() -> ProblemException.forbidden("the admin key manages tenants; use a tenant's API key here"));
    }

    /** @throws ProblemException 401 or 403 unless the admin key is presented */
    public void requireAdmin(Context ctx) {
        if (!authenticate(ctx).isAdmin()) {
            throw ProblemException.forbidden("this route needs the admin key");
        }
    }

    private static Optional<String> presentedKey(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            String trimmed = authorization.strip();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
                return Optional.of(trimmed.substring(7).strip()).filter(key -> !key.isEmpty());
            }
            return Optional.empty();
        }
        return Optional.ofNullable(ctx.header(SUBSCRIPTION_KEY_HEADER)).map(String::strip).filter(key -> !key.isEmpty());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
