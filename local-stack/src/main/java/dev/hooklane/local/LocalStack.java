package dev.hooklane.local;

import dev.hooklane.contracts.topic.RetryTier;
import dev.hooklane.delivery.DeliveryWorker;
import dev.hooklane.ingest.IngestService;
import dev.hooklane.router.RouterService;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.config.TargetSettings;
import dev.hooklane.subscriptions.SubscriptionApi;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * All four services in one JVM against one Kafka: the local stack's engine and the end-to-end
 * tests' fixture. Each service reads its configuration from an environment, as a deployed one
 * does, built from the settings every way of running shares ({@link SharedSettings}) and what this
 * machine needs on top ({@link #environments}): subscriber URLs may use plain http and loopback
 * addresses, since receivers run on this machine; pages on this machine may frame the portal.
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
    /** The services, by the names the compose file and the Kubernetes manifests give them. */
    public static final List<String> SERVICES = Stream.of(Services.values()).map(Services::serviceName).toList();

    private final List<AutoCloseable> services = new ArrayList<>();
    private final SubscriptionApi api;
    private final IngestService ingest;
    private final RouterService router;
    private final DeliveryWorker worker;

    private LocalStack(Options options) {
        Map<String, Map<String, String>> environments = environments(options);
        try {
            api = add(Services.api(environments.get(Services.API.serviceName())));
            ingest = add(Services.ingest(environments.get(Services.INGEST.serviceName())));
            router = add(Services.router(environments.get(Services.ROUTER.serviceName())));
            worker = add(Services.worker(environments.get(Services.WORKER.serviceName())));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static LocalStack start(Options options) {
        return new LocalStack(options);
    }

    /**
     * The environment each service gets, as a deployed service reads it: the shared settings of
     * {@code deploy/config/hooklane.env}, then what this machine needs on top: the broker, ports on
     * {@code options.host()}, plain http and loopback receivers, group names after the topic prefix
     * (tests that share one broker stay apart), a state folder of our own, a portal signing key of
     * this run only (portal links end with the stack) and framing by pages on this machine.
     */
    public static Map<String, Map<String, String>> environments(Options options) {
        Map<String, String> common = new LinkedHashMap<>(SharedSettings.load());
        KafkaSettings kafka = options.kafka();
        common.put("HOOKLANE_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        common.put("HOOKLANE_TOPIC_PREFIX", kafka.topicPrefix());
        common.put("HOOKLANE_TOPIC_PARTITIONS", Integer.toString(kafka.partitions()));
        kafka.replicationFactor().ifPresent(replication -> common.put("HOOKLANE_TOPIC_REPLICATION", Short.toString(replication)));
        common.put("HOOKLANE_RETRY_SCHEDULE", kafka.retrySchedule().stream().map(RetryTier::label).collect(Collectors.joining(",")));
        kafka.clientOverrides().forEach((key, value) -> common.put(KafkaSettings.CLIENT_PREFIX
                + key.toUpperCase(Locale.ROOT).replace('.', '_'), String.valueOf(value)));
        common.put("HOOKLANE_HTTP_HOST", options.host());

        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            Map<String, String> env = new LinkedHashMap<>(common);
            env.put("HOOKLANE_HTTP_PORT", Integer.toString(options.apiPort() == 0 ? 0 : options.apiPort() + i));
            environments.put(SERVICES.get(i), env);
        }
        String allowList = String.join(",", LOOPBACK);
        environments.get("subscription-api").putAll(Map.of("HOOKLANE_ADMIN_KEY", options.adminKey(), "HOOKLANE_ALLOW_HTTP_URLS", "true",
                TargetSettings.ALLOW_LIST, allowList, "HOOKLANE_PORTAL_SIGNING_KEYS", randomKey(),
                "HOOKLANE_PORTAL_FRAME_ANCESTORS", LOCAL_FRAME_ANCESTORS));
        environments.get("router").putAll(Map.of("HOOKLANE_ROUTER_APPLICATION_ID", "hooklane-router-" + kafka.topicPrefix(),
                "HOOKLANE_ROUTER_STATE_DIR", options.stateDir().toString()));
        environments.get("delivery-worker").putAll(Map.of("HOOKLANE_WORKER_GROUP_ID", "hooklane-delivery-" + kafka.topicPrefix(),
                TargetSettings.ALLOW_LIST, allowList));
        return environments;
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
