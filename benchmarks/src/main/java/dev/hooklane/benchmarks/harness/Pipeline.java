package dev.hooklane.benchmarks.harness;

import dev.hooklane.benchmarks.cpu.Part;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.delivery.DeliveryWorkerMain;
import dev.hooklane.router.RouterMain;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.config.TargetSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.process.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One scenario's pipeline under its own topic prefix: its topics and subscriptions written to
 * Kafka, then the router and the delivery worker, each in a JVM of its own, with their defaults
 * but for loopback being allow-listed.
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
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<ServiceProcess, String> readiness = new HashMap<>();
    private int workerPort = -1;
    private int routerPort = -1;

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
        ServiceProcess router = startRouter(routerEnvironment);
        ServiceProcess worker = startWorker("delivery", workerEnvironment);
        awaitReady(router);
        awaitReady(worker);
        return this;
    }

    /** Starts a worker alone (jobs already in the deliveries topic) in consumer group {@code <prefix><group>}. */
    public Pipeline startWorkerOnly(String group) {
        awaitReady(startWorker(group, Map.of()));
        return this;
    }

    private ServiceProcess startRouter(Map<String, String> extra) {
        int port = Loopback.freePort();
        Map<String, String> env = stack.serviceEnvironment(prefix, kafka.retrySchedule(), port);
        env.put("HOOKLANE_ROUTER_APPLICATION_ID", prefix + "router");
        env.put("HOOKLANE_ROUTER_STATE_DIR", stack.workDir().resolve("state").resolve(prefix).toString());
        env.putAll(extra);
        routerPort = port;
        return launch(Part.ROUTER, "router", RouterMain.class.getName(), env, port);
    }

    private ServiceProcess startWorker(String group, Map<String, String> extra) {
        int port = Loopback.freePort();
        Map<String, String> env = stack.serviceEnvironment(prefix, kafka.retrySchedule(), port);
        env.put("HOOKLANE_WORKER_GROUP_ID", prefix + group);
        env.put(TargetSettings.ALLOW_LIST, "127.0.0.0/8");
        // Runs end by stopping the worker: in-flight jobs need not finish, the topics are not read again.
        env.put("HOOKLANE_WORKER_SHUTDOWN_GRACE", "1s");
        env.putAll(extra);
        workerPort = port;
        return launch(Part.WORKER, "delivery-worker", DeliveryWorkerMain.class.getName(), env, port);
    }

    private ServiceProcess launch(Part part, String name, String mainClass, Map<String, String> env, int port) {
        ServiceProcess process = stack.launch(part, ServiceProcess.of(name, mainClass, env, stack.serviceJvmOptions(prefix + name),
                stack.workDir().resolve("logs").resolve(prefix + name + ".log")));
        services.add(process);
        readiness.put(process, "http://127.0.0.1:" + port + "/ready");
        return process;
    }

    private void awaitReady(ServiceProcess process) {
        process.awaitHealthy(readiness.get(process), Duration.ofSeconds(120));
    }

    /** The running worker's metrics. */
    public MetricsScrape workerMetrics() {
        if (workerPort < 0) {
            throw new IllegalStateException("no worker was started");
        }
        return MetricsScrape.scrape(workerPort);
    }

    /** The running router's metrics. */
    public MetricsScrape routerMetrics() {
        if (routerPort < 0) {
            throw new IllegalStateException("no router was started");
        }
        return MetricsScrape.scrape(routerPort);
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
        for (ServiceProcess process : services.reversed()) {
            stack.stop(process);
        }
        services.clear();
    }
}
