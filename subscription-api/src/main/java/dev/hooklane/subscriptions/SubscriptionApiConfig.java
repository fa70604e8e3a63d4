package dev.hooklane.subscriptions;

import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.subscriptions.attempts.HistorySettings;
import java.time.Duration;
import java.util.Optional;

/**
 * Configuration of the subscription API, read from the environment.
 *
 * @param kafka see {@link KafkaSettings}
 * @param http see {@link HttpSettings}; default port 8080
 * @param adminKey {@code HOOKLANE_ADMIN_KEY}: the bootstrap key for the admin routes; unset disables them
 * @param allowHttpUrls {@code HOOKLANE_ALLOW_HTTP_URLS}: accept {@code http://} subscriber URLs (default false: https only)
 * @param writeTimeout {@code HOOKLANE_WRITE_TIMEOUT}: how long a write may take before 503, default 10s
 * @param history see {@link HistorySettings}: the attempt log's bounds and the replay scans' limits
 */
public record SubscriptionApiConfig(KafkaSettings kafka, HttpSettings http, Optional<String> adminKey, boolean allowHttpUrls,
                                    Duration writeTimeout, HistorySettings history) {

    /** With the default history settings. */
    public SubscriptionApiConfig(KafkaSettings kafka, HttpSettings http, Optional<String> adminKey, boolean allowHttpUrls, Duration writeTimeout) {
        this(kafka, http, adminKey, allowHttpUrls, writeTimeout, HistorySettings.defaults());
    }

    public static SubscriptionApiConfig from(EnvConfig env) {
        String adminKey = env.string("HOOKLANE_ADMIN_KEY", "");
        if (!adminKey.isEmpty() && adminKey.length() < 16) {
            env.problem("HOOKLANE_ADMIN_KEY must have at least 16 characters");
        }
        return new SubscriptionApiConfig(KafkaSettings.from(env), HttpSettings.from(env, 8080),
                adminKey.isEmpty() ? Optional.empty() : Optional.of(adminKey),
                env.bool("HOOKLANE_ALLOW_HTTP_URLS", false),
                env.duration("HOOKLANE_WRITE_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)),
                HistorySettings.from(env));
    }
}
