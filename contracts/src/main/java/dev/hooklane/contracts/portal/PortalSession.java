package dev.hooklane.contracts.portal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A portal session as stored on the compacted portal-sessions topic (key = {@link #id()}): what a
 * tenant let one of its customers see and do, until when. The token the customer holds is signed
 * and carries the same facts, so any API instance can check it without this record; the record
 * serves listing and revocation, which every instance honours as soon as its view holds it.
 *
 * @param id the session id, {@code ps_} and 22 URL-safe characters; the token's {@code jti}
 * @param tenant the tenant that made it
 * @param name what the tenant called it, e.g. the customer's name
 * @param scope what it may see and change
 * @param createdAt when it was made
 * @param expiresAt when its token stops working
 * @param createdBy the id of the API key that made it
 * @param revokedAt when it was revoked; a revoked session's token is refused everywhere
 */
public record PortalSession(String id, String tenant, Optional<String> name, PortalScope scope, Instant createdAt, Instant expiresAt,
                            String createdBy, Optional<Instant> revokedAt) {

    public PortalSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        name = name == null ? Optional.empty() : name;
        scope = scope == null ? PortalScope.everything() : scope;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(createdBy, "createdBy");
        revokedAt = revokedAt == null ? Optional.empty() : revokedAt;
    }

    /** True while the token works: not revoked and not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }

    public PortalSession revoked(Instant now) {
        return new PortalSession(id, tenant, name, scope, createdAt, expiresAt, createdBy, Optional.of(now));
    }
}
