package dev.hooklane.benchmarks.harness;

import dev.hooklane.benchmarks.cpu.Part;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.local.Services;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.config.TargetSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.testkit.pipeline.PipelineService.OwnJvm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One scenario's pipeline under its own topic prefix: its topics and subscriptions written to
 * Kafka, then the router and the delivery worker, each in a JVM of its own (testkit's
 * {@link PipelineService}, as the reliability suite starts them), with their defaults but for
 * loopback being allow-listed.
 */
public final class Pipeline implements AutoCloseable {

    /** Partitions of every topic of the runs (the services' default). */
    public static final int PARTITIONS = 6;
    /** The one tenant of the runs. */
    public static final String TENANT = "bench";
    private static final String ROUTER_JOBS = "webhook_router_jobs_total";

    private final BenchmarkStack stack;
    private final String prefix;
    private final KafkaSettings kafka;
    private final List<PipelineService> services = new ArrayList<>();
    private PipelineService worker;
    private PipelineService router;

    private Pipeline(BenchmarkStack stack, String prefix, List<Duration> retrySchedule) {
        this.stack = stack;
        this.prefix = prefix;
        this.kafka = stack.kafka(prefix, retrySchedule);
        KafkaClients.ensureTopics(kafka, "benchmark");
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, "benchmark-admin"))) {
            TopicReadiness.await(admin, kafka.catalog().all().stream().map(Topic::name).toList(), Duration.ofSeconds(60));
        }
    }

    /** Creates the topics under {@code prefix}; nothing runs yet. */
    public static Pipeline prepare(BenchmarkStack stack, String prefix, List<Duration> retrySchedule) {
        return new Pipeline(stack, prefix, retrySchedule);
    }

    /**
     * Writes {@code count} subscriptions of {@link #TENANT} to the compacted topic: subscription
     * {@code i} is {@code sub-i}, posts to the receiver's endpoint {@code i mod endpoints} and
     * listens to the event type {@code typeOf(i)}.
     */
    public Pipeline subscribe(int count, int endpoints, IntFunction<String> typeOf) {
        Topic<String, Subscription> topic = kafka.catalog().subscriptions();
        String secret = WebhookSecret.generate().encoded();
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<>(KafkaClients.producer(kafka, "benchmark-subscriptions", Map.of()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                Subscription subscription = Subscription.create("sub-" + i, TENANT, stack.endpointUrl(i % endpoints), List.of(typeOf.apply(i)),
                        secret, now);
                producer.send(new ProducerRecord<>(topic.name(), subscription.id(), subscription));
            }
            producer.flush();
        }
        return this;
    }

    /** Starts the router and the worker and waits until both are ready. */
    public Pipeline startRouterAndWorker() {
        return startRouterAndWorker(Map.of());
    }

    /** Starts the router and the worker, the worker with {@code workerEnvironment} added, and waits until both are ready. */
    public Pipeline startRouterAndWorker(Map<String, String> workerEnvironment) {
        return startRouterAndWorker(Map.of(), workerEnvironment);
    }

    /** Starts the router and the worker, each with its environment added, and waits until both are ready. */
    public Pipeline startRouterAndWorker(Map<String, String> routerEnvironment, Map<String, String> workerEnvironment) {
        awaitReady(startRouter(routerEnvironment));
        awaitReady(startWorker("delivery", workerEnvironment));
        return this;
    }

    /** Starts a worker alone (jobs already in the deliveries topic) in consumer group {@code <prefix><group>}. */
    public Pipeline startWorkerOnly(String group) {
        awaitReady(startWorker(group, Map.of()));
        return this;
    }

    private PipelineService startRouter(Map<String, String> extra) {
        Map<String, String> env = stack.serviceEnvironment(prefix, kafka.retrySchedule());
        env.put("HOOKLANE_ROUTER_APPLICATION_ID", prefix + "router");
        env.put("HOOKLANE_ROUTER_STATE_DIR", stack.workDir().resolve("state").resolve(prefix).toString());
        env.putAll(extra);
        router = launch(Part.ROUTER, "router", Services.ROUTER, env);
        return router;
    }

    private PipelineService startWorker(String group, Map<String, String> extra) {
        Map<String, String> env = stack.serviceEnvironment(prefix, kafka.retrySchedule());
        env.put("HOOKLANE_WORKER_GROUP_ID", prefix + group);
        env.put(TargetSettings.ALLOW_LIST, "127.0.0.0/8");
        // Runs end by stopping the worker: in-flight jobs need not finish, the topics are not read again.
        env.put("HOOKLANE_WORKER_SHUTDOWN_GRACE", "1s");
        env.putAll(extra);
        worker = launch(Part.WORKER, "delivery-worker", Services.WORKER, env);
        return worker;
    }

    private PipelineService launch(Part part, String name, Services kind, Map<String, String> env) {
        PipelineService service = PipelineService.start(name, kind, env, Optional.of(new OwnJvm(stack.serviceJvmOptions(prefix + name),
                stack.logs().resolve(prefix + name + ".log"))));
        stack.track(part, service.process().orElseThrow());
        services.add(service);
        return service;
    }

    private static void awaitReady(PipelineService service) {
        service.awaitReady(Duration.ofSeconds(120));
    }

    /** The running worker's metrics. */
    public MetricsScrape workerMetrics() {
        if (worker == null) {
            throw new IllegalStateException("no worker was started");
        }
        return MetricsScrape.scrape(worker.port());
    }

    /** The running router's metrics. */
    public MetricsScrape routerMetrics() {
        if (router == null) {
            throw new IllegalStateException("no router was started");
        }
        return MetricsScrape.scrape(router.port());
    }

    /** Delivery jobs the running router has emitted so far (its {@code webhook.router.jobs} counter); empty when unreadable. */
    public OptionalDouble routerJobsEmitted() {
        MetricsScrape scrape = routerMetrics();
        return scrape.has(ROUTER_JOBS) ? OptionalDouble.of(scrape.sum(ROUTER_JOBS, "")) : OptionalDouble.empty();
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    public String prefix() {
        return prefix;
    }

    /** Stops the services (SIGTERM); topics stay until the broker's data folder is removed. */
    @Override
    public void close() {
        for (PipelineService service : services.reversed()) {
            service.process().ifPresent(stack::stop);
        }
        services.clear();
    }
}
