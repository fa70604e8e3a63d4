package dev.hooklane.delivery;

import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import java.time.Duration;

/**
 * Configuration of a delivery worker, read from the environment.
 *
 * @param kafka see {@link KafkaSettings}
 * @param http see {@link HttpSettings}; default port 8083
 * @param groupId {@code HOOKLANE_WORKER_GROUP_ID}: the consumer group all workers share, default {@code hooklane-delivery}
 * @param connectTimeout {@code HOOKLANE_WORKER_CONNECT_TIMEOUT}: TCP and TLS connect timeout, default 5s
 * @param responseTimeout {@code HOOKLANE_WORKER_RESPONSE_TIMEOUT}: default wait for a response, default 15s
 *     (a subscription may set its own, within 1s to 60s)
 * @param maxInFlightPerPartition {@code HOOKLANE_WORKER_MAX_IN_FLIGHT_PER_PARTITION}: jobs of one partition
 *     being attempted at once; the partition pauses beyond it, default 256
 * @param maxConnectionsPerHost {@code HOOKLANE_WORKER_MAX_CONNECTIONS_PER_HOST}: pooled connections per
 *     receiver host, default 50
 * @param shutdownGrace {@code HOOKLANE_WORKER_SHUTDOWN_GRACE}: how long in-flight jobs may finish on
 *     shutdown or rebalance before they are left to the next owner, default 10s
 */
public record DeliveryWorkerConfig(KafkaSettings kafka, HttpSettings http, String groupId, Duration connectTimeout,
                                   Duration responseTimeout, int maxInFlightPerPartition, int maxConnectionsPerHost,
                                   Duration shutdownGrace) {

    public static DeliveryWorkerConfig from(EnvConfig env) {
        return new DeliveryWorkerConfig(KafkaSettings.from(env), HttpSettings.from(env, 8083),
                env.string("HOOKLANE_WORKER_GROUP_ID", "hooklane-delivery"),
                env.duration("HOOKLANE_WORKER_CONNECT_TIMEOUT", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(60)),
                env.duration("HOOKLANE_WORKER_RESPONSE_TIMEOUT", Duration.ofSeconds(15), Duration.ofMillis(100), Duration.ofSeconds(60)),
                env.integer("HOOKLANE_WORKER_MAX_IN_FLIGHT_PER_PARTITION", 256, 1, 100_000),
                env.integer("HOOKLANE_WORKER_MAX_CONNECTIONS_PER_HOST", 50, 1, 10_000),
                env.duration("HOOKLANE_WORKER_SHUTDOWN_GRACE", Duration.ofSeconds(10), Duration.ZERO.plusMillis(1), Duration.ofMinutes(5)));
    }
}
