package dev.hooklane.ingest;

import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import java.time.Duration;

/**
 * Configuration of the ingest service, read from the environment.
 *
 * @param kafka see {@link KafkaSettings}
 * @param http see {@link HttpSettings}; default port 8081
 * @param ackTimeout {@code HOOKLANE_INGEST_ACK_TIMEOUT}: the longest wait for Kafka's acknowledgement
 *     before answering 503, default 10s
 * @param maxEventBytes {@code HOOKLANE_INGEST_MAX_EVENT_BYTES}: largest single event, default 256 KiB
 * @param maxBatchEvents {@code HOOKLANE_INGEST_MAX_BATCH_EVENTS}: most events in one request, default 500
 */
public record IngestConfig(KafkaSettings kafka, HttpSettings http, Duration ackTimeout, int maxEventBytes, int maxBatchEvents) {

    public static IngestConfig from(EnvConfig env) {
        return new IngestConfig(KafkaSettings.from(env), HttpSettings.from(env, 8081),
                env.duration("HOOKLANE_INGEST_ACK_TIMEOUT", Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofMinutes(2)),
                env.integer("HOOKLANE_INGEST_MAX_EVENT_BYTES", 256 * 1024, 1024, 16 * 1024 * 1024),
                env.integer("HOOKLANE_INGEST_MAX_BATCH_EVENTS", 500, 1, 10_000));
    }
}
