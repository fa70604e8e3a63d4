package dev.hooklane.subscriptions;

import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.tenant.ApiKey;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.ServiceRunner;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.HttpServer;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.service.kafka.TopicTable;
import dev.hooklane.service.metrics.ServiceMetrics;
import dev.hooklane.subscriptions.attempts.AttemptLog;
import dev.hooklane.subscriptions.attempts.AttemptRoutes;
import dev.hooklane.subscriptions.replay.ReplayRoutes;
import dev.hooklane.subscriptions.replay.ReplayService;
import dev.hooklane.subscriptions.subscription.SubscriptionRoutes;
import dev.hooklane.subscriptions.tenant.TenantRoutes;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The subscription API service: REST over the subscriptions, tenants and api-keys tables. */
public final class SubscriptionApi implements ServiceRunner.Service {

    private final ServiceMetrics metrics;
    private final TopicTable<Subscription> subscriptions;
    private final TopicTable<Tenant> tenants;
    private final TopicTable<ApiKey> apiKeys;
    private final AttemptLog attemptLog;
    private final ReplayService replay;
    private final HttpServer http;

    private SubscriptionApi(SubscriptionApiConfig config) {
        TopicCatalog catalog = config.kafka().catalog();
        KafkaClients.ensureTopics(config.kafka(), "subscription-api");
        this.metrics = new ServiceMetrics();
        this.subscriptions = new TopicTable<>(config.kafka(), catalog.subscriptions(), "subscription-api-subscriptions", config.writeTimeout());
        this.tenants = new TopicTable<>(config.kafka(), catalog.tenants(), "subscription-api-tenants", config.writeTimeout());
        this.apiKeys = new TopicTable<>(config.kafka(), catalog.apiKeys(), "subscription-api-keys", config.writeTimeout());
        Authenticator auth = new Authenticator(apiKeys.view(), tenants.view(), config.adminKey());
        Clock clock = Clock.systemUTC();
        SubscriptionRoutes subscriptionRoutes = new SubscriptionRoutes(subscriptions, auth, config.allowHttpUrls(), clock);
        TenantRoutes tenantRoutes = new TenantRoutes(tenants, apiKeys, auth, clock);
        this.attemptLog = new AttemptLog(config.kafka(), catalog.attempts(), config.history(), clock).start();
        this.replay = new ReplayService(config.kafka(), config.history(), clock);
        AttemptRoutes attemptRoutes = new AttemptRoutes(attemptLog, auth, subscriptions::get);
        ReplayRoutes replayRoutes = new ReplayRoutes(replay, auth, subscriptions::get, clock);
        this.http = HttpServer.start("subscription-api", config.http(), metrics.registry(), this::notReadyReason, routes -> {
            subscriptionRoutes.register(routes);
            tenantRoutes.register(routes);
            attemptRoutes.register(routes);
            replayRoutes.register(routes);
        });
    }

    /** Starts the service: creates missing topics, loads the tables, listens. */
    public static SubscriptionApi start(SubscriptionApiConfig config) {
        SubscriptionApi api = new SubscriptionApi(config);
        api.awaitLoaded(Duration.ofSeconds(60));
        return api;
    }

    private void awaitLoaded(Duration timeout) {
        try {
            for (TopicTable<?> table : java.util.List.of(subscriptions, tenants, apiKeys)) {
                if (!table.view().awaitCaughtUp(timeout)) {
                    throw new IllegalStateException("the tables did not load within " + timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the tables", e);
        }
    }

    private Optional<String> notReadyReason() {
        if (!subscriptions.view().isCaughtUp() || !tenants.view().isCaughtUp() || !apiKeys.view().isCaughtUp()) {
            return Optional.of("loading subscriptions, tenants and keys from Kafka");
        }
        return Optional.empty();
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        attemptLog.close();
        replay.close();
        subscriptions.close();
        tenants.close();
        apiKeys.close();
        metrics.close();
    }
}
