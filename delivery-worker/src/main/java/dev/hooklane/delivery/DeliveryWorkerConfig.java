package dev.hooklane.delivery;

import dev.hooklane.delivery.http.WebhookHttpClient;
import dev.hooklane.delivery.outcome.OutcomeDecision.ClientErrorPolicy;
import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.config.TargetSettings;
import dev.hooklane.service.metrics.TenantSeries;
import dev.hooklane.service.ssrf.AddressPolicy;
import java.time.Duration;

/**
 * Configuration of a delivery worker, read from the environment.
 *
 * @param kafka see {@link KafkaSettings}; its retry schedule gives the retry tiers
 * @param http see {@link HttpSettings}; default port 8083
 * @param groupId {@code HOOKLANE_WORKER_GROUP_ID}: the consumer group all workers share, default
 *     {@code hooklane-delivery}; the retry tiers are consumed by the group {@code <groupId>-retry}
 * @param clockSkew {@code HOOKLANE_WORKER_CLOCK_SKEW}: how far the router's clock may run behind the
 *     worker's; a job whose subscription the worker does not know yet waits until the worker has read
 *     the subscriptions written up to the job's making plus this, default 1s
 * @param addressPolicy {@code HOOKLANE_SSRF_ALLOW_LIST}: comma-separated CIDR blocks that may be reached
 *     besides public addresses (development and tests only), default none
 * @param tenantSeries {@code HOOKLANE_METRICS_TENANTS}: tenants whose attempts are also counted per tenant (at most 50)
 */
public record DeliveryWorkerConfig(KafkaSettings kafka, HttpSettings http, String groupId, Consumption consumption, Requests requests,
                                   Isolation isolation, Retries retries, Duration clockSkew, AddressPolicy addressPolicy,
                                   TenantSeries tenantSeries) {

    /**
     * How jobs are read.
     *
     * @param windowPerPartition {@code HOOKLANE_WORKER_MAX_IN_FLIGHT_PER_PARTITION}: jobs of one deliveries
     *     partition being attempted or waiting for their endpoint at once; the partition pauses beyond it, default 1024
     * @param budgetPerTopic {@code HOOKLANE_WORKER_MAX_IN_FLIGHT}: jobs of one topic (the deliveries topic,
     *     or one retry tier), all partitions, being attempted, waiting or held until due at once; each
     *     tier has its own, default 4096
     * @param retryWindowPerPartition {@code HOOKLANE_WORKER_RETRY_WINDOW_PER_PARTITION}: jobs of one
     *     retry tier partition read ahead and held until due, default 1000
     * @param shutdownGrace {@code HOOKLANE_WORKER_SHUTDOWN_GRACE}: how long in-flight jobs may finish on
     *     shutdown or rebalance before they are left to the next owner, default 10s
     */
    public record Consumption(int windowPerPartition, int budgetPerTopic, int retryWindowPerPartition, Duration shutdownGrace) {
    }

    /**
     * How requests are sent.
     *
     * @param connectTimeout {@code HOOKLANE_WORKER_CONNECT_TIMEOUT}: TCP and TLS connect timeout, default 5s
     * @param responseTimeout {@code HOOKLANE_WORKER_RESPONSE_TIMEOUT}: default wait for a response, default
     *     15s (a subscription may set its own, within 1s to 60s)
     * @param maxConnectionsPerHost {@code HOOKLANE_WORKER_MAX_CONNECTIONS_PER_HOST}: pooled connections per
     *     receiver host and port, default 50
     * @param ioThreads {@code HOOKLANE_WORKER_IO_THREADS}: the HTTP client's I/O threads, default 1 per core
     *     (at least 2)
     * @param idleConnectionTimeout {@code HOOKLANE_WORKER_IDLE_CONNECTION_TIMEOUT}: a kept-alive connection
     *     idle this long is closed rather than used, default 1500ms: below the keep-alive timeouts of
     *     common servers (gunicorn 2 s, Node.js and Apache httpd 5 s, Jetty 30 s), so that no request
     *     races a receiver closing its connection
     */
    public record Requests(Duration connectTimeout, Duration responseTimeout, int maxConnectionsPerHost, int ioThreads,
                           Duration idleConnectionTimeout) {

        /** The HTTP client's settings from these. */
        public WebhookHttpClient.Settings clientSettings(String userAgent) {
            return new WebhookHttpClient.Settings(connectTimeout, maxConnectionsPerHost, ioThreads, idleConnectionTimeout, userAgent);
        }
    }

    /**
     * What keeps one endpoint from holding back the others.
     *
     * @param concurrency {@code HOOKLANE_WORKER_ENDPOINT_CONCURRENCY}: requests in flight at once per
     *     endpoint (subscription) per worker, default 20
     * @param rateLimit {@code HOOKLANE_WORKER_ENDPOINT_RATE_LIMIT}: requests per second per endpoint when the
     *     subscription sets none; 0 for no limit, default 1000
     * @param queueCapacity {@code HOOKLANE_WORKER_ENDPOINT_QUEUE}: jobs that may wait in memory for one
     *     endpoint's permit, default 1000; waiting jobs do not hold their partition's window, only the
     *     topic's budget
     * @param queueWait {@code HOOKLANE_WORKER_ENDPOINT_QUEUE_WAIT}: the longest a job waits in its
     *     endpoint's queue before it is deferred to a wait tier, default 10s
     * @param circuitFailures {@code HOOKLANE_WORKER_CIRCUIT_FAILURES}: consecutive failures that open an
     *     endpoint's circuit, default 5
     * @param circuitOpenFor {@code HOOKLANE_WORKER_CIRCUIT_OPEN_FOR}: how long a circuit stays open before a
     *     probe, default 30s
     * @param busyWait {@code HOOKLANE_WORKER_BUSY_WAIT}: how long a deferred job waits (±20%) in the first
     *     tier before it asks its endpoint again, default 1s
     */
    public record Isolation(int concurrency, int rateLimit, int queueCapacity, Duration queueWait, int circuitFailures,
                            Duration circuitOpenFor, Duration busyWait) {
    }

    /**
     * What failed attempts lead to.
     *
     * @param retryAfterCap {@code HOOKLANE_WORKER_RETRY_AFTER_CAP}: the longest {@code Retry-After} honoured, default 1h
     * @param clientErrorPolicy {@code HOOKLANE_WORKER_CLIENT_ERRORS}: {@code retry} (default) or {@code dlq}
     *     for 4xx other than 408, 410 and 429, and for 3xx
     * @param disableAfter {@code HOOKLANE_WORKER_DISABLE_AFTER}: a subscription failing without a success for
     *     this long is disabled, default 5d
     */
    public record Retries(Duration retryAfterCap, ClientErrorPolicy clientErrorPolicy, Duration disableAfter) {
    }

    public static DeliveryWorkerConfig from(EnvConfig env) {
        return from(KafkaSettings.from(env), HttpSettings.from(env, 8083), env);
    }

    /** The worker's own keys from {@code env}, with Kafka and HTTP settings given. */
    public static DeliveryWorkerConfig from(KafkaSettings kafka, HttpSettings http, EnvConfig env) {
        Consumption consumption = new Consumption(env.integer("HOOKLANE_WORKER_MAX_IN_FLIGHT_PER_PARTITION", 1024, 1, 100_000),
                env.integer("HOOKLANE_WORKER_MAX_IN_FLIGHT", 4096, 1, 1_000_000),
                env.integer("HOOKLANE_WORKER_RETRY_WINDOW_PER_PARTITION", 1000, 1, 1_000_000),
                env.duration("HOOKLANE_WORKER_SHUTDOWN_GRACE", Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofMinutes(5)));
        Requests requests = new Requests(
                env.duration("HOOKLANE_WORKER_CONNECT_TIMEOUT", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(60)),
                env.duration("HOOKLANE_WORKER_RESPONSE_TIMEOUT", Duration.ofSeconds(15), Duration.ofMillis(100), Duration.ofSeconds(60)),
                env.integer("HOOKLANE_WORKER_MAX_CONNECTIONS_PER_HOST", 50, 1, 10_000),
                env.integer("HOOKLANE_WORKER_IO_THREADS", Math.max(2, Runtime.getRuntime().availableProcessors()), 1, 64),
                env.duration("HOOKLANE_WORKER_IDLE_CONNECTION_TIMEOUT", Duration.ofMillis(1500), Duration.ofMillis(10), Duration.ofMinutes(10)));
        Isolation isolation = new Isolation(
                env.integer("HOOKLANE_WORKER_ENDPOINT_CONCURRENCY", 20, 1, 10_000),
                env.integer("HOOKLANE_WORKER_ENDPOINT_RATE_LIMIT", 1000, 0, 1_000_000),
                env.integer("HOOKLANE_WORKER_ENDPOINT_QUEUE", 1000, 0, 100_000),
                env.duration("HOOKLANE_WORKER_ENDPOINT_QUEUE_WAIT", Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMinutes(10)),
                env.integer("HOOKLANE_WORKER_CIRCUIT_FAILURES", 5, 1, 1000),
                env.duration("HOOKLANE_WORKER_CIRCUIT_OPEN_FOR", Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofHours(1)),
                env.duration("HOOKLANE_WORKER_BUSY_WAIT", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(5)));
        Retries retries = new Retries(
                env.duration("HOOKLANE_WORKER_RETRY_AFTER_CAP", Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofDays(2)),
                env.enumValue("HOOKLANE_WORKER_CLIENT_ERRORS", ClientErrorPolicy.RETRY, ClientErrorPolicy.class),
                env.duration("HOOKLANE_WORKER_DISABLE_AFTER", Duration.ofDays(5), Duration.ofSeconds(1), Duration.ofDays(365)));
        return new DeliveryWorkerConfig(kafka, http, env.string("HOOKLANE_WORKER_GROUP_ID", "hooklane-delivery"), consumption, requests,
                isolation, retries,
                env.duration("HOOKLANE_WORKER_CLOCK_SKEW", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(10)),
                TargetSettings.addressPolicy(env),
                TenantSeries.from(env));
    }
}
