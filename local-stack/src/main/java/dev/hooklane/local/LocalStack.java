package dev.hooklane.local;

import dev.hooklane.delivery.DeliveryWorker;
import dev.hooklane.delivery.DeliveryWorkerConfig;
import dev.hooklane.ingest.IngestConfig;
import dev.hooklane.ingest.IngestService;
import dev.hooklane.router.RouterConfig;
import dev.hooklane.router.RouterService;
import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.config.TargetSettings;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.subscriptions.SubscriptionApiConfig;
import java.nio.file.Path;
import dev.hooklane.subscriptions.attempts.HistorySettings;
import dev.hooklane.subscriptions.portal.PortalSettings;
import java.security.SecureRandom;
import java.util.Base64;
import dev.hooklane.service.ssrf.AddressPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All four services in one JVM against one Kafka: the local stack's engine and the end-to-end
 * tests' fixture. Subscriber URLs may use plain http and loopback addresses, since receivers run
 * on this machine; the seed products' event types are loaded.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * How to run the stack.
     *
     * @param kafka where Kafka is and how topics are named
     * @param host the interface the services listen on
     * @param apiPort subscription API port (0 = any free port); ingest, router and worker use
     *     {@code apiPort + 1..3}, or free ports when 0
     * @param adminKey the bootstrap admin key
     * @param stateDir where the router keeps local state
     */
    public record Options(KafkaSettings kafka, String host, int apiPort, String adminKey, Path stateDir) {
    }

    /** Pages on this machine may frame the portal, to try embedding it. */
    static final String LOCAL_FRAME_ANCESTORS = "'self' http://localhost:* http://127.0.0.1:*";

    /** Receivers of the local stack run on this machine, so loopback passes the SSRF policy. */
    static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");

    private final List<AutoCloseable> services = new ArrayList<>();
    private final SubscriptionApi api;
    private final IngestService ingest;
    private final RouterService router;
    private final DeliveryWorker worker;

    private LocalStack(Options options) {
        try {
            api = add(SubscriptionApi.start(new SubscriptionApiConfig(options.kafka(), http(options, 0), Optional.of(options.adminKey()),
                    true, Duration.ofSeconds(10), AddressPolicy.withAllowList(LOOPBACK),
                    SubscriptionApiConfig.DEFAULT_ROTATION_OVERLAP, Optional.of(SubscriptionApiConfig.SEED_CATALOG),
                    SubscriptionApiConfig.DEFAULT_IDEMPOTENCY_TTL, HistorySettings.defaults(),
                    // A key of this run only: portal links end with the stack.
                    new PortalSettings(List.of(randomKey()), LOCAL_FRAME_ANCESTORS, Optional.empty()))));
            ingest = add(IngestService.start(new IngestConfig(options.kafka(), http(options, 1), Duration.ofSeconds(10), 256 * 1024, 500)));
            router = add(RouterService.start(new RouterConfig(options.kafka(), http(options, 2), "hooklane-router-" + options.kafka().topicPrefix(),
                    Duration.ofMillis(100), 1, options.stateDir())));
            // Receivers of the local stack run on this machine: loopback is allow-listed past the SSRF policy.
            worker = add(DeliveryWorker.start(DeliveryWorkerConfig.from(options.kafka(), http(options, 3), new EnvConfig(Map.of(
                    "HOOKLANE_WORKER_GROUP_ID", "hooklane-delivery-" + options.kafka().topicPrefix(),
                    "HOOKLANE_WORKER_SHUTDOWN_GRACE", "5s",
                    TargetSettings.ALLOW_LIST, String.join(",", LOOPBACK))))));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static LocalStack start(Options options) {
        return new LocalStack(options);
    }

    private static HttpSettings http(Options options, int offset) {
        return new HttpSettings(options.host(), options.apiPort() == 0 ? 0 : options.apiPort() + offset, 1 << 20);
    }

    private <T extends AutoCloseable> T add(T service) {
        services.add(service);
        return service;
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + api.port();
    }

    public String ingestUrl() {
        return "http://127.0.0.1:" + ingest.port();
    }

    public String routerUrl() {
        return "http://127.0.0.1:" + router.port();
    }

    public String workerUrl() {
        return "http://127.0.0.1:" + worker.port();
    }

    public RouterService router() {
        return router;
    }

    /** Stops the services in reverse order of start. */
    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        for (AutoCloseable service : reversed) {
            try {
                service.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(LocalStack.class).warn("A service did not stop cleanly", e);
            }
        }
        services.clear();
    }
}
