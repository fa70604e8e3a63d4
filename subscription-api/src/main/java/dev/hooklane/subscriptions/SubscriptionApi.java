package dev.hooklane.subscriptions;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.eventtype.EventType;
import dev.hooklane.contracts.portal.PortalSession;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.tenant.ApiKey;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.ServiceRunner;
import dev.hooklane.service.auth.AuthFailureThrottle;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.HttpServer;
import dev.hooklane.service.http.LivenessCheck;
import dev.hooklane.service.http.OpenApiRoutes;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.service.kafka.CompactedTopicView;
import dev.hooklane.service.kafka.TopicTable;
import dev.hooklane.service.metrics.ServiceMetrics;
import dev.hooklane.subscriptions.disable.DisableRequests;
import dev.hooklane.subscriptions.eventtype.CatalogFile;
import dev.hooklane.subscriptions.eventtype.EventTypeRegistry;
import dev.hooklane.subscriptions.eventtype.EventTypeRoutes;
import dev.hooklane.subscriptions.filters.FilterTestRoutes;
import dev.hooklane.subscriptions.eventtype.EventTypeValidator;
import dev.hooklane.subscriptions.eventtype.RecentEvents;
import dev.hooklane.subscriptions.idempotency.Idempotency;
import dev.hooklane.subscriptions.idempotency.IdempotencyStore;
import dev.hooklane.subscriptions.portal.PortalApiRoutes;
import dev.hooklane.subscriptions.portal.PortalPageRoutes;
import dev.hooklane.subscriptions.portal.PortalSessionRoutes;
import dev.hooklane.subscriptions.portal.PortalSessions;
import dev.hooklane.subscriptions.resthooks.RestHookRoutes;
import dev.hooklane.subscriptions.subscription.SecretRoutes;
import dev.hooklane.subscriptions.attempts.AttemptHistory;
import dev.hooklane.subscriptions.attempts.AttemptRoutes;
import dev.hooklane.subscriptions.replay.ReplayRoutes;
import dev.hooklane.subscriptions.replay.ReplayService;
import dev.hooklane.subscriptions.subscription.SubscriptionRoutes;
import dev.hooklane.subscriptions.subscription.SubscriptionStateMetrics;
import dev.hooklane.subscriptions.subscription.SubscriptionValidator;
import dev.hooklane.subscriptions.subscription.Subscriptions;
import dev.hooklane.subscriptions.subscription.TestEventRoutes;
import dev.hooklane.subscriptions.urlcheck.ResolvingUrlTargetCheck;
import dev.hooklane.subscriptions.urlcheck.UrlTargetCheck;
import dev.hooklane.subscriptions.table.VersionedTable;
import dev.hooklane.subscriptions.tenant.CallbackSecretRoutes;
import dev.hooklane.subscriptions.tenant.TenantRoutes;
import dev.hooklane.subscriptions.webhookconfig.WebhookConfigRoutes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The subscription API service: REST over the subscriptions, event types, tenants and api-keys tables. */
public final class SubscriptionApi implements ServiceRunner.Service {

    private static final int SAMPLE_SCAN_PER_PARTITION = 1000;

    private final ServiceMetrics metrics;
    private final VersionedTable<Subscription> subscriptions;
    private final VersionedTable<Tenant> tenants;
    private final VersionedTable<ApiKey> apiKeys;
    private final VersionedTable<EventType> eventTypes;
    private final IdempotencyStore idempotencyKeys;
    private final TopicTable<PortalSession> portalSessions;
    private final KafkaProducer<String, DeliveryJob> deliveries;
    private final AttemptHistory attemptHistory;
    private final ReplayService replay;
    private final EventPublisher platformEvents;
    private final DisableRequests disableRequests;
    private final HttpServer http;

    private SubscriptionApi(SubscriptionApiConfig config) {
        TopicCatalog catalog = config.kafka().catalog();
        KafkaClients.ensureTopics(config.kafka(), "subscription-api");
        Clock clock = Clock.systemUTC();
        this.metrics = new ServiceMetrics();
        SubscriptionApiMetrics apiMetrics = new SubscriptionApiMetrics();
        metrics.bind(apiMetrics);
        Duration writeTimeout = config.writeTimeout();
        this.subscriptions = new VersionedTable<>(config.kafka(), catalog.subscriptions(), "subscription-api-subscriptions", writeTimeout);
        this.tenants = new VersionedTable<>(config.kafka(), catalog.tenants(), "subscription-api-tenants", writeTimeout);
        this.apiKeys = new VersionedTable<>(config.kafka(), catalog.apiKeys(), "subscription-api-keys", writeTimeout);
        this.eventTypes = new VersionedTable<>(config.kafka(), catalog.eventTypes(), "subscription-api-event-types", writeTimeout);
        this.portalSessions = new TopicTable<>(config.kafka(), catalog.portalSessions(), "subscription-api-portal-sessions", writeTimeout);
        this.idempotencyKeys = new IdempotencyStore(config.kafka(), catalog.idempotencyKeys(), "subscription-api-idempotency", writeTimeout, clock);
        this.deliveries = new KafkaProducer<>(KafkaClients.producer(config.kafka(), "subscription-api-test-events",
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) writeTimeout.toMillis())),
                new StringSerializer(), catalog.deliveries().valueSerde().serializer());
        metrics.bind(new KafkaClientMetrics(deliveries));
        metrics.bind(new SubscriptionStateMetrics(subscriptions::values));
        this.attemptHistory = new AttemptHistory(config.kafka(), catalog.attempts(), config.history(), clock).start();
        this.replay = new ReplayService(config.kafka(), config.history(), clock);
        awaitLoaded(Duration.ofSeconds(60));

        // API keys and portal tokens draw on one allowance of failures per client.
        AuthFailureThrottle throttle = AuthFailureThrottle.defaults(config.http().clientAddresses());
        Authenticator auth = new Authenticator(apiKeys.view(), tenants.view(), config.adminKey(), throttle);
        Idempotency idempotency = new Idempotency(idempotencyKeys, auth, apiMetrics, config.idempotencyTtl(),
                Duration.ofMinutes(1).plus(writeTimeout.multipliedBy(3)), clock);
        UrlTargetCheck targets = ResolvingUrlTargetCheck.withSystemResolver(config.targetPolicy());
        Subscriptions subscriptionService = new Subscriptions(subscriptions, new SubscriptionValidator(config.allowHttpUrls(), targets),
                apiMetrics, clock);
        EventTypeRegistry registry = new EventTypeRegistry(eventTypes, new EventTypeValidator(), apiMetrics, clock);
        config.eventTypeCatalog().ifPresent(location -> registry.loadCatalog(CatalogFile.load(location)));
        EventTypeRoutes eventTypeRoutes = new EventTypeRoutes(registry,
                new RecentEvents(config.kafka(), catalog.events(), SAMPLE_SCAN_PER_PARTITION, Duration.ofSeconds(5)), auth, idempotency);
        TestEventRoutes testEvents = new TestEventRoutes(subscriptionService, registry, deliveries, catalog.deliveries(), auth, idempotency,
                apiMetrics, writeTimeout, clock);
        this.platformEvents = new EventPublisher(new KafkaProducer<>(KafkaClients.producer(config.kafka(), "subscription-api-events",
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) writeTimeout.toMillis())), new StringSerializer(), new ByteArraySerializer()),
                catalog.events());
        this.disableRequests = new DisableRequests(config.kafka(), catalog.disableRequests(), subscriptionService, platformEvents, apiMetrics,
                writeTimeout).start();
        PortalSessions sessions = new PortalSessions(portalSessions, tenants.view(), config.portal(), throttle, clock);
        List<Registrar> routes = List.of(
                new SubscriptionRoutes(subscriptionService, auth, idempotency)::register,
                new SecretRoutes(subscriptionService, auth, idempotency, config.secretRotationOverlap(), clock)::register,
                testEvents::register,
                eventTypeRoutes::register,
                new TenantRoutes(tenants, apiKeys, auth, idempotency, clock)::register,
                new CallbackSecretRoutes(tenants, auth, idempotency, config.secretRotationOverlap(), clock)::register,
                new RestHookRoutes(subscriptionService, registry, eventTypeRoutes, auth, idempotency)::register,
                new WebhookConfigRoutes(subscriptionService, auth, idempotency)::register,
                new FilterTestRoutes(eventTypeRoutes, auth, idempotency, clock)::register,
                new AttemptRoutes(attemptHistory, auth, subscriptions::get)::register,
                new ReplayRoutes(replay, auth, subscriptions::get, clock)::register,
                new PortalSessionRoutes(sessions, auth, idempotency, config.portal().publicUrl())::register,
                new PortalApiRoutes(sessions, subscriptionService, registry, testEvents, attemptHistory, replay, config.secretRotationOverlap(),
                        clock)::register,
                new PortalPageRoutes(config.portal())::register,
                new OpenApiRoutes("openapi.json")::register);
        this.http = HttpServer.start("subscription-api", config.http(), metrics.registry(), this::notReadyReason, liveness(),
                javalinRoutes -> routes.forEach(registrar -> registrar.register(javalinRoutes)));
    }

    /** Adds a feature's routes. */
    @FunctionalInterface
    private interface Registrar {
        void register(io.javalin.config.RoutesConfig routes);
    }

    /** Starts the service: creates missing topics, loads the tables and the event type catalog, listens. */
    public static SubscriptionApi start(SubscriptionApiConfig config) {
        return new SubscriptionApi(config);
    }

    private List<CompactedTopicView<?>> views() {
        return List.of(subscriptions.view(), tenants.view(), apiKeys.view(), eventTypes.view(), idempotencyKeys.table().view(),
                portalSessions.view());
    }

    private void awaitLoaded(Duration timeout) {
        try {
            for (CompactedTopicView<?> view : views()) {
                if (!view.awaitCaughtUp(timeout)) {
                    throw new IllegalStateException("the tables did not load within " + timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the tables", e);
        }
    }

    /** Dead once a table's view or the attempt history has stopped reading: the answers would go stale. */
    private LivenessCheck liveness() {
        List<LivenessCheck> checks = new java.util.ArrayList<>();
        for (CompactedTopicView<?> view : views()) {
            checks.add(LivenessCheck.of("view of " + view.topicName(), () -> !view.stoppedUnexpectedly()));
        }
        checks.add(LivenessCheck.of("attempt history", () -> !attemptHistory.stoppedUnexpectedly()));
        checks.add(LivenessCheck.of("disable requests", () -> !disableRequests.stoppedUnexpectedly()));
        return LivenessCheck.allOf(checks);
    }

    private Optional<String> notReadyReason() {
        if (views().stream().anyMatch(view -> !view.isCaughtUp())) {
            return Optional.of("loading subscriptions, event types, tenants, keys and portal sessions from Kafka");
        }
        if (!attemptHistory.isLoaded()) {
            return Optional.of("loading the attempt history from Kafka");
        }
        return Optional.empty();
    }

    public int port() {
        return http.port();
    }

    /** Every route this instance serves, as {@code METHOD path}. */
    public List<String> routes() {
        return http.routes();
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        if (disableRequests != null) {
            disableRequests.close();
        }
        if (platformEvents != null) {
            platformEvents.close();
        }
        deliveries.close(Duration.ofSeconds(5));
        attemptHistory.close();
        replay.close();
        subscriptions.close();
        tenants.close();
        apiKeys.close();
        eventTypes.close();
        idempotencyKeys.close();
        portalSessions.close();
        metrics.close();
    }
}
