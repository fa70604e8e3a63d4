package dev.hooklane.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the router in a child JVM, kills it with SIGKILL while events flow (no clean commit, an
 * open transaction), restarts it on the same state folder and checks the deliveries topic, read
 * committed: every (event, matching subscription) pair has exactly one job.
 */
@Tag("kafka")
class RouterCrashRecoveryTest {

    private static final int EVENTS = 900;
    private static final int EVENTS_PER_SECOND = 150;

    @Test
    void shouldEmitEveryJobExactlyOnceWhenTheRouterIsKilledMidStreamAndRestarted() throws Exception {
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("crash"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        TopicCatalog catalog = kafka.catalog();
        KafkaClients.ensureTopics(kafka, "test");
        subscribe(kafka);
        String applicationId = "router-crash-" + kafka.topicPrefix();
        Path stateDir = Files.createTempDirectory("router-crash-state");
        List<String> expected = new ArrayList<>(expectedJobs("warm-up", 0));
        AtomicInteger published = new AtomicInteger();

        try (EventPublisher publisher = EventPublisher.create(kafka.bootstrapServers(), catalog.events());
             var jobs = new CommittedJobs(kafka, catalog)) {
            Process child = startChildRouter(kafka, applicationId, stateDir);
            try {
                publisher.publish(event("warm-up", 0)).get();
                await().atMost(Duration.ofSeconds(90)).until(() -> jobs.poll() >= expected.size());
                Thread producer = Thread.ofVirtual().start(() -> publishAtPace(publisher, published));
                for (int i = 1; i <= EVENTS; i++) {
                    expected.addAll(expectedJobs("evt-" + i, i));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> jobs.poll() >= expected.size() / 5);
                assertThat(child.isAlive()).isTrue();
                child.destroyForcibly().waitFor();
                assertThat(jobs.poll()).as("killed mid-stream, before every job was committed").isLessThan(expected.size());

                RouterConfig restarted = new RouterConfig(kafka, HttpSettings.ephemeral(), applicationId, Duration.ofMillis(100), 1, stateDir);
                try (RouterService router = RouterService.start(restarted)) {
                    producer.join(Duration.ofSeconds(60));
                    assertThat(published.get()).isEqualTo(EVENTS);
                    await().atMost(Duration.ofSeconds(120)).until(() -> routerCaughtUp(kafka, applicationId, catalog.events().name()));
                }
            } finally {
                child.destroyForcibly();
            }
            jobs.poll();
            assertThat(jobs.pairs()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** reportCreated in eu: exact, wildcard and filtered; reportCreated elsewhere: exact and wildcard; report.updated: prefix and wildcard. */
    private static List<String> expectedJobs(String eventId, int n) {
        return switch (n % 3) {
            case 0 -> List.of(eventId + "/sub-exact", eventId + "/sub-all", eventId + "/sub-eu");
            case 1 -> List.of(eventId + "/sub-exact", eventId + "/sub-all");
            default -> List.of(eventId + "/sub-prefix", eventId + "/sub-all");
        };
    }

    private static EventEnvelope event(String id, int n) throws Exception {
        String type = n % 3 == 2 ? "report.updated" : "reportCreated";
        String region = n % 3 == 0 ? "eu" : "us";
        return new EventEnvelope(id, URI.create("/reports"), type, Instant.now(), Optional.of("report-" + (n % 17)), "acme",
                Json.mapper().readTree("{\"n\":" + n + ",\"region\":\"" + region + "\"}"), Optional.empty());
    }

    private static void publishAtPace(EventPublisher publisher, AtomicInteger published) {
        long start = System.nanoTime();
        try {
            for (int i = 1; i <= EVENTS; i++) {
                long due = start + i * 1_000_000_000L / EVENTS_PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                publisher.publish(event("evt-" + i, i)).get();
                published.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    private static void subscribe(KafkaSettings kafka) throws Exception {
        List<Subscription> subscriptions = List.of(
                RouterDriver.subscription("sub-exact", "acme", List.of("reportCreated"), List.of(), true, PayloadFormat.STANDARD),
                RouterDriver.subscription("sub-prefix", "acme", List.of("report.*"), List.of(), true, PayloadFormat.EVENT_PAYLOAD),
                RouterDriver.subscription("sub-all", "acme", List.of("*"), List.of(), true, PayloadFormat.DATA),
                RouterDriver.subscription("sub-eu", "acme", List.of("reportCreated"),
                        List.of(new FilterCondition("data.region", List.of("eu"))), true, PayloadFormat.STANDARD),
                RouterDriver.subscription("sub-other", "globex", List.of("*"), List.of(), true, PayloadFormat.STANDARD));
        try (var producer = new KafkaProducer<>(KafkaClients.producer(kafka, "test", Map.of()), new StringSerializer(),
                JsonSerde.of(Subscription.class).serializer())) {
            for (Subscription subscription : subscriptions) {
                producer.send(new ProducerRecord<>(kafka.catalog().subscriptions().name(), subscription.id(), subscription)).get();
            }
        }
    }

    private static Process startChildRouter(KafkaSettings kafka, String applicationId, Path stateDir) throws Exception {
        Path log = Files.createTempFile("router-child", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), RouterMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOOKLANE_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("HOOKLANE_TOPIC_PREFIX", kafka.topicPrefix());
        env.put("HOOKLANE_TOPIC_PARTITIONS", Integer.toString(kafka.partitions()));
        env.put("HOOKLANE_ROUTER_APPLICATION_ID", applicationId);
        env.put("HOOKLANE_ROUTER_STATE_DIR", stateDir.toString());
        env.put("HOOKLANE_HTTP_HOST", "127.0.0.1");
        env.put("HOOKLANE_HTTP_PORT", "0");
        // The killed member leaves the group only when its session expires; the broker's minimum keeps the test short.
        env.put("HOOKLANE_KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000");
        log.toFile().deleteOnExit();
        return builder.start();
    }

    /** True once the router's committed offsets reach the end of every events partition. */
    private static boolean routerCaughtUp(KafkaSettings kafka, String applicationId, String eventsTopic) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, "test-admin"))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
            int partitions = admin.describeTopics(List.of(eventsTopic)).allTopicNames().get().get(eventsTopic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(eventsTopic, p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                    || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue().offset()));
        }
    }

    /** The deliveries topic as workers see it: read committed, as (event id / subscription id) pairs. */
    private static final class CommittedJobs implements AutoCloseable {
        private final KafkaConsumer<String, DeliveryJob> consumer;
        private final List<String> pairs = new ArrayList<>();

        CommittedJobs(KafkaSettings kafka, TopicCatalog catalog) {
            consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, "test-jobs", null, Map.of()), new StringDeserializer(),
                    new JobCodec().deserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(catalog.deliveries().name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        int poll() {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            do {
                consumer.poll(Duration.ofMillis(100)).forEach(record ->
                        pairs.add(record.value().eventId() + "/" + record.value().subscriptionId().orElseThrow()));
            } while (consumer.assignment().stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline);
            return pairs.size();
        }

        List<String> pairs() {
            return pairs;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
