package dev.hooklane.subscriptions;

import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.config.TargetSettings;
import dev.hooklane.service.ssrf.AddressPolicy;
import dev.hooklane.subscriptions.attempts.HistorySettings;
import dev.hooklane.subscriptions.portal.PortalSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of the subscription API, read from the environment.
 *
 * @param kafka see {@link KafkaSettings}
 * @param http see {@link HttpSettings}; default port 8080
 * @param adminKey {@code HOOKLANE_ADMIN_KEY}: the bootstrap key for the admin routes; unset disables them
 * @param allowHttpUrls {@code HOOKLANE_ALLOW_HTTP_URLS}: accept {@code http://} subscriber URLs (default false: https only)
 * @param writeTimeout {@code HOOKLANE_WRITE_TIMEOUT}: how long a write may take before 503, default 10s
 * @param targetPolicy {@code HOOKLANE_SSRF_ALLOW_LIST}: where subscriber URLs may point, the same policy the worker
 *     applies to every attempt (see {@link TargetSettings})
 * @param secretRotationOverlap {@code HOOKLANE_SECRET_ROTATION_OVERLAP}: how long the previous secret keeps signing
 *     after a rotation, default 24h
 * @param eventTypeCatalog {@code HOOKLANE_EVENT_TYPES_CATALOG}: a JSON catalog of platform event types loaded at
 *     start, as a file path or {@code classpath:<resource>}; unset loads none
 * @param idempotencyTtl {@code HOOKLANE_IDEMPOTENCY_TTL}: how long the answer to an {@code Idempotency-Key} is kept,
 *     default 24h (at most 24h: the topic keeps records 25h)
 * @param history see {@link HistorySettings}: the attempt log's bounds and the replay scans' limits
 * @param portal see {@link PortalSettings}: the customer portal's signing keys, framing and public address
 */
public record SubscriptionApiConfig(KafkaSettings kafka, HttpSettings http, Optional<String> adminKey, boolean allowHttpUrls,
                                    Duration writeTimeout, AddressPolicy targetPolicy, Duration secretRotationOverlap,
                                    Optional<String> eventTypeCatalog, Duration idempotencyTtl,
                                    HistorySettings history, PortalSettings portal) {

    /** The default overlap of a secret rotation. */
    public static final Duration DEFAULT_ROTATION_OVERLAP = Duration.ofHours(24);
    /** The default lifetime of an idempotent answer. */
    public static final Duration DEFAULT_IDEMPOTENCY_TTL = Duration.ofHours(24);
    /** The seed products' event types, shipped with the service. */
    public static final String SEED_CATALOG = "classpath:event-types/seeds.json";

    public SubscriptionApiConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(http, "http");
        adminKey = adminKey == null ? Optional.empty() : adminKey;
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        targetPolicy = targetPolicy == null ? AddressPolicy.publicOnly() : targetPolicy;
        secretRotationOverlap = secretRotationOverlap == null ? DEFAULT_ROTATION_OVERLAP : secretRotationOverlap;
        eventTypeCatalog = eventTypeCatalog == null ? Optional.empty() : eventTypeCatalog;
        idempotencyTtl = idempotencyTtl == null ? DEFAULT_IDEMPOTENCY_TTL : idempotencyTtl;
        history = history == null ? HistorySettings.defaults() : history;
        portal = portal == null ? PortalSettings.off() : portal;
    }

    /** The configuration without portal sessions. */
    public SubscriptionApiConfig(KafkaSettings kafka, HttpSettings http, Optional<String> adminKey, boolean allowHttpUrls, Duration writeTimeout,
                                 AddressPolicy targetPolicy, Duration secretRotationOverlap, Optional<String> eventTypeCatalog,
                                 Duration idempotencyTtl, HistorySettings history) {
        this(kafka, http, adminKey, allowHttpUrls, writeTimeout, targetPolicy, secretRotationOverlap, eventTypeCatalog, idempotencyTtl, history,
                PortalSettings.off());
    }

    /** The same configuration with other portal settings. */
    public SubscriptionApiConfig withPortal(PortalSettings settings) {
        return new SubscriptionApiConfig(kafka, http, adminKey, allowHttpUrls, writeTimeout, targetPolicy, secretRotationOverlap,
                eventTypeCatalog, idempotencyTtl, history, settings);
    }

    /** The configuration with every later setting at its default. */
    public SubscriptionApiConfig(KafkaSettings kafka, HttpSettings http, Optional<String> adminKey, boolean allowHttpUrls, Duration writeTimeout) {
        this(kafka, http, adminKey, allowHttpUrls, writeTimeout, AddressPolicy.publicOnly(), DEFAULT_ROTATION_OVERLAP, Optional.empty(), DEFAULT_IDEMPOTENCY_TTL,
                HistorySettings.defaults());
    }

    public static SubscriptionApiConfig from(EnvConfig env) {
        String adminKey = env.string("HOOKLANE_ADMIN_KEY", "");
        if (!adminKey.isEmpty() && adminKey.length() < 16) {
            env.problem("HOOKLANE_ADMIN_KEY must have at least 16 characters");
        }
        String catalog = env.string("HOOKLANE_EVENT_TYPES_CATALOG", "");
        return new SubscriptionApiConfig(KafkaSettings.from(env), HttpSettings.from(env, 8080),
                adminKey.isEmpty() ? Optional.empty() : Optional.of(adminKey),
                env.bool("HOOKLANE_ALLOW_HTTP_URLS", false),
                env.duration("HOOKLANE_WRITE_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)),
                TargetSettings.addressPolicy(env),
                env.duration("HOOKLANE_SECRET_ROTATION_OVERLAP", DEFAULT_ROTATION_OVERLAP, Duration.ZERO, Duration.ofDays(7)),
                catalog.isEmpty() ? Optional.empty() : Optional.of(catalog),
                env.duration("HOOKLANE_IDEMPOTENCY_TTL", DEFAULT_IDEMPOTENCY_TTL, Duration.ofMinutes(1), Duration.ofHours(24)),
                HistorySettings.from(env),
                PortalSettings.from(env));
    }
}
