package dev.hooklane.delivery;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.EndpointFailure;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.delivery.consumer.FinishedJobs;
import dev.hooklane.delivery.consumer.JobConsumer;
import dev.hooklane.delivery.destination.Destinations;
import dev.hooklane.delivery.endpoint.EndpointLimits;
import dev.hooklane.delivery.endpoint.Endpoints;
import dev.hooklane.delivery.http.WebhookHttpClient;
import dev.hooklane.delivery.lifecycle.FailureTracker;
import dev.hooklane.delivery.lifecycle.OperationalEvents;
import dev.hooklane.delivery.lifecycle.SubscriptionDisabler;
import dev.hooklane.delivery.metrics.DeliveryMetrics;
import dev.hooklane.delivery.outcome.OutcomeDecision;
import dev.hooklane.delivery.outcome.OutcomeWriter;
import dev.hooklane.delivery.process.DeliveryProcessor;
import dev.hooklane.delivery.process.SettleLanes;
import dev.hooklane.delivery.retry.RetryMetrics;
import dev.hooklane.delivery.retry.RetrySchedule;
import dev.hooklane.delivery.ssrf.CheckedDnsResolver;
import dev.hooklane.delivery.write.Handoff;
import dev.hooklane.delivery.write.JobWriter;
import dev.hooklane.service.ServiceRunner;
import dev.hooklane.service.http.HttpServer;
import dev.hooklane.service.http.LivenessCheck;
import dev.hooklane.service.kafka.CompactedTopicView;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.service.metrics.ConsumerLagMetrics;
import dev.hooklane.service.metrics.ServiceMetrics;
import dev.hooklane.service.metrics.TenantCounters;
import io.micrometer.core.instrument.binder.httpcomponents.hc5.PoolingHttpClientConnectionManagerMetricsBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A delivery worker: one consumer attempts new jobs from the deliveries topic, another holds the
 * retry tiers' jobs until due and attempts them. Run as many workers as needed: each group spreads
 * its partitions over them.
 */
public final class DeliveryWorker implements ServiceRunner.Service {

    private static final Duration LAG_REFRESH = Duration.ofSeconds(10);
    private static final Duration EXPIRE_EVERY = Duration.ofMillis(100);
    /** The longest a job waits in a tier when its endpoint's queue is full: an endpoint this slow cannot use it back sooner. */
    private static final Duration LONGEST_DEFERRAL = Duration.ofMinutes(5);
    /**
     * What the worker writes (above all one attempt record of about 100 bytes per request) resolves
     * offsets, it does not hold up a delivery: a batch every 10 ms per partition costs the producer
     * and the broker a fraction of a batch per record, and records this small gain nothing from
     * compression but its cost.
     */
    private static final Map<String, Object> PRODUCER = Map.of(ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    private static final Map<String, Object> CONSUMER = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    /** Reads, on taking partitions over, for the jobs their last owner ended after its last commit: many small records at once. */
    private static final Map<String, Object> ENDED_READER = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ServiceMetrics metrics;
    private final CompactedTopicView<Subscription> subscriptions;
    private final CompactedTopicView<Tenant> tenants;
    private final CompactedTopicView<EndpointFailure> endpointFailures;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin lagAdmin;
    private final Handoff handoff;
    private final WebhookHttpClient http;
    private final JobConsumer deliveries;
    private final JobConsumer retries;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("worker-timer").factory());
    private final SettleLanes settle = new SettleLanes("settle");
    // Writes that follow an acknowledged write, and the rescue of failed jobs: seldom, and off the producer's I/O thread.
    private final ExecutorService follow = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("follow-", 0).factory());
    private final HttpServer server;

    private DeliveryWorker(DeliveryWorkerConfig config) {
        TopicCatalog catalog = config.kafka().catalog();
        KafkaClients.ensureTopics(config.kafka(), "delivery-worker");
        Clock clock = Clock.systemUTC();
        this.metrics = new ServiceMetrics();
        this.subscriptions = new CompactedTopicView<>(config.kafka(), catalog.subscriptions(), "delivery-worker-subscriptions").start();
        this.tenants = new CompactedTopicView<>(config.kafka(), catalog.tenants(), "delivery-worker-tenants").start();
        this.endpointFailures = new CompactedTopicView<>(config.kafka(), catalog.endpointFailures(), "delivery-worker-endpoint-failures").start();
        this.producer = new KafkaProducer<>(KafkaClients.producer(config.kafka(), "delivery-worker", PRODUCER), new StringSerializer(),
                new ByteArraySerializer());
        this.handoff = new Handoff(producer, running::get);
        DeliveryWorkerConfig.Requests requests = config.requests();
        this.http = new WebhookHttpClient(requests.clientSettings(DeliveryProcessor.USER_AGENT), new CheckedDnsResolver(config.addressPolicy()));
        RetrySchedule schedule = new RetrySchedule(catalog.retryTiers(), config.retries().retryAfterCap());
        DeliveryWorkerConfig.Isolation isolation = config.isolation();
        Endpoints endpoints = new Endpoints(new Endpoints.Settings(isolation.circuitFailures(), isolation.circuitOpenFor(), isolation.busyWait(),
                LONGEST_DEFERRAL, isolation.queueCapacity(), isolation.queueWait(), config.consumption().budgetPerTopic() / 2), timer);
        metrics.bind(endpoints);
        DeliveryMetrics deliveryMetrics = new DeliveryMetrics();
        metrics.bind(deliveryMetrics);
        TenantCounters attemptsByTenant = new TenantCounters("webhook.tenant.delivery.attempts",
                "Delivery attempts of each tenant configured in HOOKLANE_METRICS_TENANTS, by outcome",
                Arrays.stream(AttemptOutcome.values()).map(AttemptOutcome::wireName).toList(), config.tenantSeries());
        metrics.bind(attemptsByTenant);
        JobWriter writer = new JobWriter(catalog, handoff, attemptsByTenant);
        OperationalEvents events = new OperationalEvents(new EventPublisher(producer, catalog.events()), handoff);
        SubscriptionDisabler disabler = new SubscriptionDisabler(catalog.disableRequests(), subscriptions::versioned, handoff, deliveryMetrics);
        OutcomeWriter outcomes = new OutcomeWriter(writer, new FailureTracker(endpointFailures, catalog, handoff), config.retries().disableAfter(),
                disabler, events, deliveryMetrics, follow, clock);
        Destinations destinations = new Destinations(new Destinations.Table<>(subscriptions::get, subscriptions::caughtUpTo),
                new Destinations.Table<>(tenants::get, tenants::caughtUpTo), requests.responseTimeout(),
                new EndpointLimits(isolation.concurrency(), isolation.rateLimit()), config.clockSkew());
        DeliveryProcessor processor = new DeliveryProcessor(destinations, endpoints, http,
                new OutcomeDecision(schedule, config.retries().clientErrorPolicy()), outcomes, writer, deliveryMetrics, settle, follow, timer, clock);
        DeliveryWorkerConfig.Consumption consumption = config.consumption();
        List<String> retryTopics = catalog.retryTiers().stream().map(tier -> catalog.retry(tier).name()).toList();
        List<String> endingTopics = new java.util.ArrayList<>(retryTopics);
        endingTopics.add(catalog.attempts().name());
        endingTopics.add(catalog.dlq().name());
        this.deliveries = new JobConsumer("delivery-consumer",
                KafkaClients.consumer(config.kafka(), "delivery-worker-jobs", config.groupId(), CONSUMER),
                List.of(catalog.deliveries().name()), processor, consumption.windowPerPartition(), consumption.budgetPerTopic(),
                consumption.shutdownGrace(), finishedJobs(config, "delivery-worker-jobs-ended", endingTopics), clock);
        this.retries = new JobConsumer("retry-consumer",
                KafkaClients.consumer(config.kafka(), "delivery-worker-retries", config.groupId() + "-retry", CONSUMER),
                retryTopics, processor, consumption.retryWindowPerPartition(), consumption.budgetPerTopic(), consumption.shutdownGrace(),
                finishedJobs(config, "delivery-worker-retries-ended", endingTopics), clock);
        warmProducer(catalog);
        metrics.bind(new RetryMetrics(catalog, retries::stats));
        metrics.bind(new KafkaClientMetrics(deliveries.kafkaConsumer()));
        metrics.bind(new KafkaClientMetrics(retries.kafkaConsumer()));
        metrics.bind(new KafkaClientMetrics(producer));
        metrics.bind(new PoolingHttpClientConnectionManagerMetricsBinder(http.connections(), "webhooks"));
        this.lagAdmin = Admin.create(KafkaClients.admin(config.kafka(), "delivery-worker-lag"));
        metrics.bind(new ConsumerLagMetrics(lagAdmin, config.groupId(), List.of(catalog.deliveries().name()), LAG_REFRESH));
        metrics.bind(new ConsumerLagMetrics(lagAdmin, config.groupId() + "-retry", retryTopics, LAG_REFRESH));
        timer.scheduleWithFixedDelay(endpoints::expireWaiting, EXPIRE_EVERY.toMillis(), EXPIRE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(endpoints::forgetIdle, 1, 1, TimeUnit.MINUTES);
        timer.scheduleWithFixedDelay(destinations::forgetStale, 1, 1, TimeUnit.MINUTES);
        this.server = HttpServer.start("delivery-worker", config.http(), metrics.registry(), this::notReadyReason, LivenessCheck.allOf(List.of(
                LivenessCheck.of("deliveries consumer", () -> !deliveries.stoppedUnexpectedly()),
                LivenessCheck.of("retry consumer", () -> !retries.stoppedUnexpectedly()),
                LivenessCheck.of("subscription view", () -> !subscriptions.stoppedUnexpectedly()),
                LivenessCheck.of("tenant view", () -> !tenants.stoppedUnexpectedly()),
                LivenessCheck.of("endpoint failure view", () -> !endpointFailures.stoppedUnexpectedly()))), routes -> { });
    }

    /** Each consumer reads, on taking partitions over, with a reader of its own: rebalances run on the consumers' own threads. */
    private static FinishedJobs finishedJobs(DeliveryWorkerConfig config, String clientId, List<String> endingTopics) {
        return new FinishedJobs(KafkaClients.consumer(config.kafka(), clientId, null, ENDED_READER), endingTopics);
    }

    /**
     * Fetches the metadata of every topic the worker writes to, so that no write on the way of a
     * job waits for it (a write waits for metadata only once per topic, but that once may be on
     * the thread that answers requests).
     */
    private void warmProducer(TopicCatalog catalog) {
        List<Topic<String, ?>> written = new java.util.ArrayList<>(List.of(catalog.attempts(), catalog.dlq(), catalog.events(),
                catalog.endpointFailures(), catalog.disableRequests()));
        catalog.retryTiers().forEach(tier -> written.add(catalog.retry(tier)));
        written.forEach(topic -> producer.partitionsFor(topic.name()));
    }

    public static DeliveryWorker start(DeliveryWorkerConfig config) {
        DeliveryWorker worker = new DeliveryWorker(config);
        try {
            for (CompactedTopicView<?> view : List.of(worker.subscriptions, worker.tenants, worker.endpointFailures)) {
                if (!view.awaitCaughtUp(Duration.ofSeconds(60))) {
                    worker.close();
                    throw new IllegalStateException("subscriptions, tenants and endpoint failures did not load within 60s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.close();
            throw new IllegalStateException("interrupted while loading subscriptions", e);
        }
        worker.deliveries.start();
        worker.retries.start();
        return worker;
    }

    private Optional<String> notReadyReason() {
        boolean loaded = subscriptions.isCaughtUp() && tenants.isCaughtUp() && endpointFailures.isCaughtUp();
        return loaded ? Optional.empty() : Optional.of("loading subscriptions, tenants and endpoint failures from Kafka");
    }

    public int port() {
        return server.port();
    }

    /** Jobs this worker holds or attempts now, over both consumers. */
    public int inFlight() {
        return deliveries.inFlight() + retries.inFlight();
    }

    /** Stops both consumers at once (each gets the grace period for its in-flight jobs), then everything they used. */
    @Override
    public void close() {
        CompletableFuture.allOf(CompletableFuture.runAsync(deliveries::close), CompletableFuture.runAsync(retries::close)).join();
        running.set(false);
        timer.shutdownNow();
        settle.close();
        follow.shutdown();
        handoff.close();
        producer.close(Duration.ofSeconds(10));
        http.close();
        subscriptions.close();
        tenants.close();
        endpointFailures.close();
        server.close();
        metrics.close();
        lagAdmin.close(Duration.ofSeconds(5));
    }
}
