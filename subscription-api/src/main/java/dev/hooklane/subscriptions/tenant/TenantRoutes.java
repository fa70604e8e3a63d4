package dev.hooklane.subscriptions.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.tenant.ApiKey;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.contracts.text.PlainText;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.subscriptions.idempotency.Answer;
import dev.hooklane.subscriptions.idempotency.Idempotency;
import dev.hooklane.subscriptions.table.VersionedTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/admin/tenants}: the platform operator creates tenants and issues and revokes their API
 * keys, with the bootstrap admin key. A key's text is returned once, at issue; only its hash is kept.
 */
public final class TenantRoutes {

    private static final Logger log = LoggerFactory.getLogger(TenantRoutes.class);

    /** The body of tenant creation. */
    public record CreateTenantRequest(String id, String name) {
    }

    /** The body of key creation. */
    public record CreateKeyRequest(String name) {
    }

    /** A key as listed: never its text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(String id, String name, Instant createdAt, Instant revokedAt, String key) {
        static KeyView of(ApiKey key, String text) {
            return new KeyView(key.id(), key.name(), key.createdAt(), key.revokedAt().orElse(null), text);
        }
    }

    /** A tenant as shown to the admin; {@code apiKey} only in the creation answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TenantView(String id, String name, Instant createdAt, boolean active, KeyView apiKey) {
        static TenantView of(Tenant tenant, KeyView key) {
            return new TenantView(tenant.id(), tenant.name(), tenant.createdAt(), tenant.active(), key);
        }
    }

    private final VersionedTable<Tenant> tenants;
    private final VersionedTable<ApiKey> keys;
    private final Authenticator auth;
    private final Idempotency idempotency;
    private final Clock clock;

    public TenantRoutes(VersionedTable<Tenant> tenants, VersionedTable<ApiKey> keys, Authenticator auth, Idempotency idempotency, Clock clock) {
        this.tenants = tenants;
        this.keys = keys;
        this.auth = auth;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/admin/tenants", idempotency.wrap(this::createTenant));
        routes.get("/v1/admin/tenants", this::listTenants);
        routes.get("/v1/admin/tenants/{tenant}", this::getTenant);
        routes.post("/v1/admin/tenants/{tenant}/keys", idempotency.wrap(this::createKey));
        routes.get("/v1/admin/tenants/{tenant}/keys", this::listKeys);
        routes.delete("/v1/admin/tenants/{tenant}/keys/{keyId}", this::revokeKey);
    }

    private Answer createTenant(Context ctx) {
        auth.requireAdmin(ctx);
        CreateTenantRequest request = RequestBodies.bind(RequestBodies.jsonTree(ctx), CreateTenantRequest.class);
        if (!Tenant.isValidId(request.id())) {
            throw ProblemException.validation(List.of(new FieldError("id", Tenant.idRule())));
        }
        Instant now = clock.instant();
        String name = checkName(Optional.ofNullable(request.name()).filter(n -> !n.isBlank()).orElse(request.id()));
        Tenant tenant = new Tenant(request.id(), name, WebhookSecret.generate().encoded(), now, Optional.empty());
        tenants.create(tenant.id(), tenant, () -> ProblemException.conflict("tenant " + request.id() + " exists"));
        KeyView key = issueKey(tenant.id(), "default");
        log.info("Created tenant {}", tenant.id());
        return Answer.created(TenantView.of(tenant, key));
    }

    private void listTenants(Context ctx) {
        auth.requireAdmin(ctx);
        ctx.json(Map.of("data", tenants.values().stream().sorted(Comparator.comparing(Tenant::id))
                .map(t -> TenantView.of(t, null)).toList()));
    }

    private void getTenant(Context ctx) {
        auth.requireAdmin(ctx);
        ctx.json(TenantView.of(tenant(ctx), null));
    }

    private Answer createKey(Context ctx) {
        auth.requireAdmin(ctx);
        Tenant tenant = tenant(ctx);
        CreateKeyRequest request = RequestBodies.bind(RequestBodies.jsonTree(ctx), CreateKeyRequest.class);
        String name = checkName(Optional.ofNullable(request.name()).filter(n -> !n.isBlank()).orElse("unnamed"));
        return Answer.created(issueKey(tenant.id(), name));
    }

    /** A tenant's or key's name: at most 200 characters, printable ({@link PlainText}). */
    private static String checkName(String name) {
        if (name.length() > 200) {
            throw ProblemException.validation(List.of(new FieldError("name", "at most 200 characters")));
        }
        if (!PlainText.isPrintable(name)) {
            throw ProblemException.validation(List.of(new FieldError("name", PlainText.printableRule())));
        }
        return name;
    }

    private void listKeys(Context ctx) {
        auth.requireAdmin(ctx);
        Tenant tenant = tenant(ctx);
        ctx.json(Map.of("data", keys.values().stream().filter(k -> k.tenant().equals(tenant.id()))
                .sorted(Comparator.comparing(ApiKey::createdAt)).map(k -> KeyView.of(k, null)).toList()));
    }

    private void revokeKey(Context ctx) {
        auth.requireAdmin(ctx);
        Tenant tenant = tenant(ctx);
        String keyId = ctx.pathParam("keyId");
        ApiKey key = keys.values().stream().filter(k -> k.tenant().equals(tenant.id()) && k.id().equals(keyId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("no key " + keyId + " for tenant " + tenant.id()));
        if (key.active()) {
            ApiKey revoked = key.revoked(clock.instant());
            keys.put(revoked.hash(), revoked);
            log.info("Revoked key {} of tenant {}", key.id(), tenant.id());
        }
        ctx.status(204);
    }

    private KeyView issueKey(String tenant, String name) {
        String text = ApiKey.newKeyText();
        ApiKey key = ApiKey.issue(text, tenant, name, clock.instant());
        keys.put(key.hash(), key);
        log.info("Issued key {} to tenant {}", key.id(), tenant);
        return KeyView.of(key, text);
    }

    private Tenant tenant(Context ctx) {
        String id = ctx.pathParam("tenant");
        return tenants.get(id).orElseThrow(() -> ProblemException.notFound("no tenant " + id));
    }

}
