package dev.hooklane.ingest;

import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.tenant.ApiKey;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.ServiceRunner;
import dev.hooklane.service.auth.AuthFailureThrottle;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.HttpServer;
import dev.hooklane.service.http.LivenessCheck;
import dev.hooklane.service.http.OpenApiRoutes;
import dev.hooklane.service.kafka.CompactedTopicView;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.service.metrics.ServiceMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The ingest service: authenticated HTTP in, durable Kafka writes out. */
public final class IngestService implements ServiceRunner.Service {

    /** The class path resource of the service's OpenAPI document, served at {@code GET /openapi.json}. */
    static final String OPENAPI = "dev/hooklane/ingest/openapi.json";

    private final ServiceMetrics metrics;
    private final KafkaProducer<String, byte[]> producer;
    private final CompactedTopicView<ApiKey> keys;
    private final CompactedTopicView<Tenant> tenants;
    private final HttpServer http;

    private IngestService(IngestConfig config) {
        TopicCatalog catalog = config.kafka().catalog();
        KafkaClients.ensureTopics(config.kafka(), "ingest");
        this.metrics = new ServiceMetrics();
        this.producer = new KafkaProducer<>(KafkaClients.producer(config.kafka(), "ingest", producerOverrides(config.ackTimeout())),
                new StringSerializer(), new ByteArraySerializer());
        metrics.bind(new KafkaClientMetrics(producer));
        IngestMetrics ingestMetrics = new IngestMetrics(config.tenantSeries());
        metrics.bind(ingestMetrics);
        this.keys = new CompactedTopicView<>(config.kafka(), catalog.apiKeys(), "ingest-keys").start();
        this.tenants = new CompactedTopicView<>(config.kafka(), catalog.tenants(), "ingest-tenants").start();
        Authenticator auth = new Authenticator(keys, tenants, Optional.empty(), AuthFailureThrottle.defaults(config.http().clientAddresses()));
        IngestRoutes routes = new IngestRoutes(new EventPublisher(producer, catalog.events()), auth, new EventParser(Clock.systemUTC()),
                config, ingestMetrics);
        this.http = HttpServer.start("ingest", config.http(), metrics.registry(), this::notReadyReason, LivenessCheck.allOf(List.of(
                LivenessCheck.of("API key view", () -> !keys.stoppedUnexpectedly()),
                LivenessCheck.of("tenant view", () -> !tenants.stoppedUnexpectedly()))), server -> {
                    routes.register(server);
                    new OpenApiRoutes(OPENAPI).register(server);
                });
    }

    /**
     * Bounds every wait on Kafka by the ack timeout: a send blocks (no metadata, buffer full) for at
     * most half of it, so that a request is answered within about one and a half ack timeouts.
     */
    static Map<String, Object> producerOverrides(Duration ackTimeout) {
        long timeout = ackTimeout.toMillis();
        int requestTimeout = (int) Math.min(timeout, 5_000);
        return Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(timeout / 2, 5_000),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout, requestTimeout + 100L));
    }

    public static IngestService start(IngestConfig config) {
        IngestService service = new IngestService(config);
        try {
            if (!service.keys.awaitCaughtUp(Duration.ofSeconds(60)) || !service.tenants.awaitCaughtUp(Duration.ofSeconds(60))) {
                throw new IllegalStateException("API keys did not load within 60s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading API keys", e);
        }
        return service;
    }

    private Optional<String> notReadyReason() {
        return keys.isCaughtUp() && tenants.isCaughtUp() ? Optional.empty() : Optional.of("loading API keys from Kafka");
    }

    /** Every registered route as {@code METHOD path}, for the OpenAPI document's test. */
    public List<String> routes() {
        return http.routes();
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        producer.close(Duration.ofSeconds(10));
        keys.close();
        tenants.close();
        metrics.close();
    }
}
