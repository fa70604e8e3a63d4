package dev.hooklane.ingest;

import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.metrics.TenantSeries;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the ingest service, read from the environment.
 *
 * @param kafka see {@link KafkaSettings}
 * @param http see {@link HttpSettings}; default port 8081
 * @param ackTimeout {@code HOOKLANE_INGEST_ACK_TIMEOUT}: the longest wait for Kafka's acknowledgement
 *     before answering 503, default 10s; a request is answered within about one and a half times this
 * @param maxEventBytes {@code HOOKLANE_INGEST_MAX_EVENT_BYTES}: largest single event, default 256 KiB
 * @param maxBatchEvents {@code HOOKLANE_INGEST_MAX_BATCH_EVENTS}: most events in one request, default 500
 * @param maxBatchBytes {@code HOOKLANE_INGEST_MAX_BATCH_BYTES}: largest request body, default 1 MiB; at most
 *     {@code HOOKLANE_HTTP_MAX_REQUEST_BYTES}
 * @param tenantSeries {@code HOOKLANE_METRICS_TENANTS}: tenants whose accepted events are also counted per tenant
 */
public record IngestConfig(KafkaSettings kafka, HttpSettings http, Duration ackTimeout, int maxEventBytes, int maxBatchEvents,
                           int maxBatchBytes, TenantSeries tenantSeries) {

    /** The default largest request body: 1 MiB. */
    public static final int DEFAULT_MAX_BATCH_BYTES = 1 << 20;

    public IngestConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(tenantSeries, "tenantSeries");
        if (maxEventBytes < 1 || maxBatchEvents < 1 || maxBatchBytes < 1) {
            throw new IllegalArgumentException("ingest limits must be positive");
        }
    }

    /** A configuration without per-tenant series. */
    public IngestConfig(KafkaSettings kafka, HttpSettings http, Duration ackTimeout, int maxEventBytes, int maxBatchEvents, int maxBatchBytes) {
        this(kafka, http, ackTimeout, maxEventBytes, maxBatchEvents, maxBatchBytes, TenantSeries.none());
    }

    /** A configuration with the default batch byte limit (or the HTTP limit, when smaller). */
    public IngestConfig(KafkaSettings kafka, HttpSettings http, Duration ackTimeout, int maxEventBytes, int maxBatchEvents) {
        this(kafka, http, ackTimeout, maxEventBytes, maxBatchEvents, (int) Math.min(DEFAULT_MAX_BATCH_BYTES, http.maxRequestBytes()));
    }

    public static IngestConfig from(EnvConfig env) {
        HttpSettings http = HttpSettings.from(env, 8081);
        int maxBatchBytes = env.integer("HOOKLANE_INGEST_MAX_BATCH_BYTES", DEFAULT_MAX_BATCH_BYTES, 1024, 64 << 20);
        if (maxBatchBytes > http.maxRequestBytes()) {
            env.problem("HOOKLANE_INGEST_MAX_BATCH_BYTES (" + maxBatchBytes + ") must not exceed HOOKLANE_HTTP_MAX_REQUEST_BYTES ("
                    + http.maxRequestBytes() + ")");
        }
        return new IngestConfig(KafkaSettings.from(env), http,
                env.duration("HOOKLANE_INGEST_ACK_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofMinutes(2)),
                env.integer("HOOKLANE_INGEST_MAX_EVENT_BYTES", 256 * 1024, 1024, 16 * 1024 * 1024),
                env.integer("HOOKLANE_INGEST_MAX_BATCH_EVENTS", 500, 1, 10_000),
                maxBatchBytes, TenantSeries.from(env));
    }
}
