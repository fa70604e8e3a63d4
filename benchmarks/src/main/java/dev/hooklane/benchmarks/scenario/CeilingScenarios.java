package dev.hooklane.benchmarks.scenario;

import dev.hooklane.benchmarks.cpu.CpuSample;
import dev.hooklane.benchmarks.cpu.Part;
import dev.hooklane.benchmarks.harness.JobRecords;
import dev.hooklane.benchmarks.harness.Pipeline;
import dev.hooklane.benchmarks.harness.TopicReadiness;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import dev.hooklane.benchmarks.report.Figure;
import dev.hooklane.contracts.signing.WebhookHeaders;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.signing.WebhookSigner;
import dev.hooklane.delivery.DeliveryWorkerConfig;
import dev.hooklane.delivery.http.WebhookRequest;
import dev.hooklane.delivery.process.DeliveryProcessor;
import dev.hooklane.service.config.EnvConfig;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import dev.hooklane.delivery.http.HttpOutcome;
import dev.hooklane.delivery.http.WebhookHttpClient;
import dev.hooklane.delivery.ssrf.CheckedDnsResolver;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.service.ssrf.AddressPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Scenario 6: the machine's ceilings, measured in the same run against the same broker and
 * receiver: raw Kafka produce and consume of the same job records with the worker's client
 * settings, raw HTTP POSTs of the same signed bodies with the worker's HTTP client, and wrk; with
 * the CPU each costs per record or request, by process.
 */
public final class CeilingScenarios {

    public static final String NAME = "6. Ceilings";
    public static final String KAFKA_PRODUCE = "ceiling.kafkaProducePerSecond";
    public static final String KAFKA_CONSUME = "ceiling.kafkaConsumePerSecond";
    public static final String HTTP = "ceiling.httpPostsPerSecond";
    public static final String WRK = "ceiling.wrkRequestsPerSecond";
    /** The harness JVM's CPU per request while it posts alone: the cost of a request with the worker's client. */
    public static final String HTTP_CPU = CpuFigures.figureKey("ceiling.http", List.of(Part.HARNESS));
    private static final String HTTP_AT_WORKER_CONCURRENCY = "throughput.httpCeilingPerSecond";
    private static final String HTTP_AT_WORKER_CONCURRENCY_KEY = "throughput.httpCeiling";
    /** The same, with as many requests in flight as the worker had, measured right after the throughput scenario's windows. */
    public static final String HTTP_AT_WORKER_CONCURRENCY_CPU = CpuFigures.figureKey(HTTP_AT_WORKER_CONCURRENCY_KEY, List.of(Part.HARNESS));
    private static final List<Part> KAFKA_PARTS = List.of(Part.HARNESS, Part.BROKER);
    /** Requests in flight at once: jobs waiting for one of the pool's connections, as in the worker. */
    static final int HTTP_IN_FLIGHT = 1024;
    /** The worker's request settings with their defaults: the ceiling's client is built as the worker builds its own. */
    private static final DeliveryWorkerConfig.Requests WORKER_REQUESTS = DeliveryWorkerConfig.from(new EnvConfig(Map.of())).requests();
    /** wrk's connections (to one endpoint, as wrk takes one URL). */
    static final int WRK_CONNECTIONS = 100;

    private CeilingScenarios() {
    }

    public static void runKafka(Bench bench) {
        KafkaSettings kafka = bench.stack().kafka("b6.", RetryScenario.SCHEDULE);
        JobRecords jobs = new JobRecords(ThroughputScenario.SUBSCRIPTIONS);
        int count = bench.scale().kafkaRecords();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new ProducerRecord<>("", jobs.subscriptionId(i), jobs.serialized(i)));
        }
        List<Double> produced = new ArrayList<>();
        List<Double> consumed = new ArrayList<>();
        CpuFigures produceCpu = new CpuFigures(bench, NAME, "ceiling.kafkaProduce", "raw Kafka produce, CPU per record", "record", Optional.empty());
        CpuFigures consumeCpu = new CpuFigures(bench, NAME, "ceiling.kafkaConsume", "raw Kafka consume, CPU per record", "record", Optional.empty());
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, "benchmark-ceiling-admin"))) {
            List<String> topics = new ArrayList<>();
            for (int run = 0; run < bench.scale().runs(); run++) {
                topics.add("b6.ceiling-jobs-" + run);
            }
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, Pipeline.PARTITIONS, (short) 1)).toList()).all().get();
            TopicReadiness.await(admin, topics, Duration.ofSeconds(60));
            for (int run = 0; run < bench.scale().runs(); run++) {
                String topic = topics.get(run);
                produced.add(produce(kafka, topic, records, produceCpu));
                consumed.add(consume(kafka, topic, count, "b6.ceiling-" + run, consumeCpu));
                bench.sampleLoad(NAME);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka ceiling failed: " + e.getMessage(), e);
        }
        bench.results().add(Figure.of(KAFKA_PRODUCE, NAME, "raw Kafka produce of the job records (worker's producer settings)", "records/s", produced));
        produceCpu.each(Part.HARNESS, Part.BROKER).total(KAFKA_PARTS);
        bench.results().add(Figure.of(KAFKA_CONSUME, NAME, "raw Kafka consume of the job records (worker's consumer settings)", "records/s", consumed));
        consumeCpu.each(Part.HARNESS, Part.BROKER).total(KAFKA_PARTS);
        bench.results().note(NAME, String.format(Locale.ROOT, "Kafka: %,d job records of %,d bytes per run, 6 partitions, acks=all, idempotent, lz4, "
                + "linger 1 ms; consumer read_committed, 1,000 records per poll", count, records.get(0).value().length));
    }

    private static double produce(KafkaSettings kafka, String topic, List<ProducerRecord<String, byte[]>> records, CpuFigures cpu) {
        try (var producer = new KafkaProducer<>(KafkaClients.producer(kafka, "benchmark-ceiling", Map.of(ProducerConfig.LINGER_MS_CONFIG, 1)),
                new StringSerializer(), new ByteArraySerializer())) {
            CpuFigures.Mark mark = cpu.start();
            long start = System.nanoTime();
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()));
            }
            producer.flush();
            double rate = records.size() / Bench.seconds(start, System.nanoTime());
            cpu.end(mark, records.size());
            return rate;
        }
    }

    private static double consume(KafkaSettings kafka, String topic, int count, String group, CpuFigures cpu) {
        try (var consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, "benchmark-ceiling", group,
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000)), new StringDeserializer(), new ByteArrayDeserializer())) {
            CpuFigures.Mark mark = cpu.start();
            consumer.subscribe(List.of(topic));
            long seen = 0;
            long first = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (seen < count && System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty() && first == 0) {
                    first = System.nanoTime();
                }
                seen += batch.count();
            }
            double rate = seen / Bench.seconds(first, System.nanoTime());
            cpu.end(mark, seen);
            return rate;
        }
    }

    public static void runHttp(Bench bench) {
        bench.stack().receiver().reset(ReceiverMode.OK);
        try (Posting posting = new Posting(bench)) {
            List<Double> rates = postRuns(bench, NAME, posting, HTTP_IN_FLIGHT,
                    new CpuFigures(bench, NAME, "ceiling.http", "raw HTTP POSTs, CPU per request", "request", Optional.empty()));
            bench.results().add(Figure.of(HTTP, NAME, "raw HTTP POSTs, same signed bodies, worker's HTTP client", "requests/s", rates));
        }
        bench.results().note(NAME, String.format(Locale.ROOT, "HTTP: Apache HttpClient 5 async as the worker builds it (%d connections per host), "
                + "%,d requests in flight, each body signed at send time, to the same 100 endpoints of the same receiver; "
                + "after a %d s warm-up", WORKER_REQUESTS.maxConnectionsPerHost(), HTTP_IN_FLIGHT, bench.scale().ceilingWarmUp().toSeconds()));
    }

    /**
     * The HTTP ceiling with {@code inFlight} requests at once, as many as the worker had, measured
     * by {@code scenario} right after its own windows, so that both see the machine in the same state.
     */
    static void runHttpAt(Bench bench, String scenario, int inFlight) {
        bench.stack().receiver().reset(ReceiverMode.OK);
        try (Posting posting = new Posting(bench)) {
            List<Double> rates = postRuns(bench, scenario, posting, inFlight, new CpuFigures(bench, scenario, HTTP_AT_WORKER_CONCURRENCY_KEY,
                    String.format(Locale.ROOT, "raw HTTP POSTs right after, %,d in flight, CPU per request", inFlight), "request", Optional.empty()));
            bench.results().add(Figure.of(HTTP_AT_WORKER_CONCURRENCY, scenario, String.format(Locale.ROOT,
                    "raw HTTP POSTs right after, %,d in flight (as many as the worker had), same bodies and client as the HTTP ceiling",
                    inFlight), "requests/s", rates));
        }
    }

    /** The worker's HTTP client, the same signed body and the benchmark's 100 endpoints, as the HTTP ceilings post them. */
    private static final class Posting implements AutoCloseable {
        private final WebhookHttpClient http;
        private final List<WebhookRequest> endpoints = new ArrayList<>();
        private final byte[] body = new JobRecords(ThroughputScenario.SUBSCRIPTIONS).body().getBytes(StandardCharsets.UTF_8);
        private final List<WebhookSecret> secrets = List.of(WebhookSecret.generate());

        Posting(Bench bench) {
            for (int i = 0; i < ThroughputScenario.SUBSCRIPTIONS; i++) {
                endpoints.add(WebhookRequest.to(URI.create(bench.stack().endpointUrl(i))));
            }
            http = new WebhookHttpClient(WORKER_REQUESTS.clientSettings(DeliveryProcessor.USER_AGENT), new CheckedDnsResolver(AddressPolicy.withAllowList(List.of("127.0.0.0/8"))));
        }

        @Override
        public void close() {
            http.close();
        }
    }

    /** A warm-up and then the scale's runs of POSTs with {@code inFlight} requests at once; their rates, with the CPU figures added. */
    private static List<Double> postRuns(Bench bench, String scenario, Posting posting, int inFlight, CpuFigures cpu) {
        List<Double> rates = new ArrayList<>();
        for (int run = -1; run < bench.scale().runs(); run++) {
            Duration window = run < 0 ? bench.scale().ceilingWarmUp() : bench.scale().ceilingWindow();
            CpuFigures.Mark mark = cpu.start();
            Posted posted = post(posting, window, inFlight);
            if (run >= 0) {
                cpu.end(mark, posted.answered());
                rates.add(posted.answered() / posted.seconds());
                bench.sampleLoad(scenario);
            }
        }
        // The broker's share tells whether anything else ran while the ceiling posted.
        cpu.each(Part.HARNESS, Part.RECEIVER, Part.BROKER);
        return rates;
    }

    /** Requests answered 2xx in a window of {@code seconds}, counting those still in flight at its end. */
    private record Posted(long answered, double seconds) {
    }

    private static Posted post(Posting posting, Duration window, int requestsInFlight) {
        Semaphore inFlight = new Semaphore(requestsInFlight);
        AtomicLong answered = new AtomicLong();
        long start = System.nanoTime();
        long end = start + window.toNanos();
        long i = 0;
        while (System.nanoTime() < end) {
            inFlight.acquireUninterruptibly();
            String id = "msg_ceiling_" + i;
            long timestamp = System.currentTimeMillis() / 1000;
            Header[] headers = {new BasicHeader(WebhookHeaders.ID, id), new BasicHeader(WebhookHeaders.TIMESTAMP, Long.toString(timestamp)),
                    new BasicHeader(WebhookHeaders.SIGNATURE, WebhookSigner.sign(id, timestamp, posting.body, posting.secrets))};
            posting.http.post(posting.endpoints.get((int) (i++ % posting.endpoints.size())), headers, posting.body, "application/json",
                            Duration.ofSeconds(15))
                    .whenComplete((outcome, error) -> {
                        if (outcome instanceof HttpOutcome.Response response && response.status() < 300) {
                            answered.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        double seconds = Bench.seconds(start, System.nanoTime());
        inFlight.acquireUninterruptibly(requestsInFlight);
        return new Posted(answered.get(), seconds);
    }

    public static void runWrk(Bench bench) {
        bench.stack().receiver().reset(ReceiverMode.OK);
        List<Double> rates = new ArrayList<>();
        CpuFigures cpu = new CpuFigures(bench, NAME, "ceiling.wrk", "wrk POSTs, CPU per request", "request", Optional.empty());
        try {
            Wrk wrk = Wrk.prepare(bench.stack().workDir(), new JobRecords(ThroughputScenario.SUBSCRIPTIONS).body());
            String url = bench.stack().endpointUrl(1);
            wrk.run(url, WRK_CONNECTIONS, bench.scale().ceilingWarmUp());
            for (int run = 0; run < bench.scale().runs(); run++) {
                CpuSample before = bench.stack().cpu();
                Wrk.Run measured = wrk.run(url, WRK_CONNECTIONS, bench.scale().ceilingWindow());
                cpu.end(bench.stack().cpu().since(before).with(Part.WRK, measured.cpu()), measured.requests());
                rates.add(measured.requestsPerSecond());
                bench.sampleLoad(NAME);
            }
        } catch (Wrk.Unavailable e) {
            bench.results().note(NAME, "wrk was not run: " + e.getMessage());
            return;
        }
        bench.results().add(Figure.of(WRK, NAME, "wrk POSTs of the same body to the same receiver", "requests/s", rates));
        cpu.each(Part.WRK, Part.RECEIVER);
        bench.results().note(NAME, String.format(Locale.ROOT, "wrk: 2 threads, %d connections, the same body and webhook headers", WRK_CONNECTIONS));
    }
}
