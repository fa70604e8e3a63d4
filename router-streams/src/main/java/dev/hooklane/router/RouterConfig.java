package dev.hooklane.router;

import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the router, read from the environment.
 *
 * @param kafka see {@link KafkaSettings}
 * @param http see {@link HttpSettings}; default port 8082
 * @param applicationId {@code HOOKLANE_ROUTER_APPLICATION_ID}: the Kafka Streams application id, default {@code hooklane-router}
 * @param commitInterval {@code HOOKLANE_ROUTER_COMMIT_INTERVAL}: how often transactions commit; jobs become
 *     visible to workers at each commit, so this bounds added latency; default 20ms (ADR 87)
 * @param threads {@code HOOKLANE_ROUTER_THREADS}: stream threads, default 1
 * @param stateDir {@code HOOKLANE_ROUTER_STATE_DIR}: local state, default a folder under the system temp dir
 * @param dedupWindow {@code HOOKLANE_ROUTER_DEDUP_WINDOW}: an event whose (tenant, id) was already routed within
 *     this much record time is dropped as a duplicate; default 24h, between 1m and 30d
 */
public record RouterConfig(KafkaSettings kafka, HttpSettings http, String applicationId, Duration commitInterval, int threads, Path stateDir,
                           Duration dedupWindow) {

    /** The default duplicate window. */
    public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofHours(24);

    public RouterConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(stateDir, "stateDir");
        dedupWindow = dedupWindow == null ? DEFAULT_DEDUP_WINDOW : dedupWindow;
    }

    /** A configuration with the default duplicate window. */
    public RouterConfig(KafkaSettings kafka, HttpSettings http, String applicationId, Duration commitInterval, int threads, Path stateDir) {
        this(kafka, http, applicationId, commitInterval, threads, stateDir, DEFAULT_DEDUP_WINDOW);
    }

    public static RouterConfig from(EnvConfig env) {
        return new RouterConfig(KafkaSettings.from(env), HttpSettings.from(env, 8082),
                env.string("HOOKLANE_ROUTER_APPLICATION_ID", "hooklane-router"),
                env.duration("HOOKLANE_ROUTER_COMMIT_INTERVAL", Duration.ofMillis(20), Duration.ofMillis(10), Duration.ofMinutes(1)),
                env.integer("HOOKLANE_ROUTER_THREADS", 1, 1, 64),
                Path.of(env.string("HOOKLANE_ROUTER_STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "hooklane-router").toString())),
                env.duration("HOOKLANE_ROUTER_DEDUP_WINDOW", DEFAULT_DEDUP_WINDOW, Duration.ofMinutes(1), Duration.ofDays(30)));
    }
}
