package dev.hooklane.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptCodec;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.JobIds;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.process.ServiceProcess;
import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker in its own JVM gets SIGTERM while requests are in flight: it finishes them within its
 * shutdown grace, records their attempts, commits past them and exits by itself (143, not a kill).
 */
@Tag("kafka")
class GracefulShutdownTest {

    private static final int JOBS = 6;
    private static final Duration RECEIVER_DELAY = Duration.ofSeconds(2);
    private static final String GRACE = "15s";

    @Test
    void shouldFinishInFlightDeliveriesCommitAndExitOnSigterm(@TempDir Path dir) throws Exception {
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("sigterm"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        TopicCatalog catalog = kafka.catalog();
        KafkaClients.ensureTopics(kafka, "test");
        String group = "worker-" + kafka.topicPrefix();
        int port = freePort();
        try (ScriptableReceiver receiver = ScriptableReceiver.start();
             var producer = new KafkaProducer<>(KafkaClients.producer(kafka, "test", Map.of()), new StringSerializer(), new ByteArraySerializer())) {
            receiver.always("/slow", Behaviour.slow(200, RECEIVER_DELAY));
            Subscription subscription = subscription(receiver.url("/slow"));
            producer.send(new ProducerRecord<>(catalog.subscriptions().name(), subscription.id(),
                    JsonSerde.of(Subscription.class).toBytes(subscription))).get();

            ServiceProcess worker = ServiceProcess.of("delivery-worker", DeliveryWorkerMain.class.getName(), Map.of(
                    "HOOKLANE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                    "HOOKLANE_TOPIC_PREFIX", kafka.topicPrefix(),
                    "HOOKLANE_TOPIC_PARTITIONS", Integer.toString(kafka.partitions()),
                    "HOOKLANE_HTTP_HOST", "127.0.0.1",
                    "HOOKLANE_HTTP_PORT", Integer.toString(port),
                    "HOOKLANE_WORKER_GROUP_ID", group,
                    "HOOKLANE_WORKER_SHUTDOWN_GRACE", GRACE,
                    "HOOKLANE_SSRF_ALLOW_LIST", "127.0.0.1/32"), List.of("-Xmx256m"), dir.resolve("worker.log"));
            try (worker) {
                worker.start().awaitHealthy("http://127.0.0.1:" + port + "/ready", Duration.ofSeconds(90));
                List<String> jobIds = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    DeliveryJob job = job(subscription, "evt-sigterm-" + i);
                    jobIds.add(job.jobId());
                    producer.send(new ProducerRecord<>(catalog.deliveries().name(), job.key(), JobCodec.encode(job))).get();
                }
                // Every job has reached the receiver, which answers each only after a delay: all are in flight.
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests("/slow").size() >= JOBS);

                int exitCode = worker.stop(Duration.ofSeconds(60));

                assertThat(exitCode).as("exit code (143 = exited on SIGTERM by itself; 137 = had to be killed); log:%n%s",
                        Files.readString(worker.log())).isEqualTo(143);
                assertThat(Files.readString(worker.log())).contains("delivery-consumer stopped").doesNotContain("still in flight");
                assertThat(successfulAttempts(kafka)).containsAll(jobIds);
                assertThat(committedOnDeliveries(kafka, group)).isEqualTo(JOBS);
            }
        }
    }

    private static Subscription subscription(String url) {
        Instant now = Instant.now();
        return new Subscription("sub-sigterm", "acme", url, List.of("*"), List.of(), Optional.empty(), Optional.empty(), Map.of(), true,
                Optional.empty(), PayloadFormat.STANDARD, List.of(new SigningSecret(WebhookSecret.generate().encoded(), now, Optional.empty())),
                Optional.empty(), Optional.of(Duration.ofSeconds(30)), Map.of(), now, now);
    }

    private static DeliveryJob job(Subscription subscription, String eventId) {
        Instant now = Instant.now();
        return new DeliveryJob(JobIds.of(eventId, subscription.id()), eventId, subscription.tenant(), Optional.of(subscription.id()),
                Optional.empty(), "reportCreated", "application/json", ("{\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8), now, now, 1, now);
    }

    /** Job ids of the success attempts recorded on the attempts topic. */
    private static List<String> successfulAttempts(KafkaSettings kafka) {
        try (var consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, "test-attempts", null, Map.of()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(kafka.catalog().attempts().name()).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> succeeded = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    AttemptRecord attempt = AttemptCodec.decode(record.value());
                    if (attempt.outcome() == AttemptOutcome.SUCCESS) {
                        succeeded.add(attempt.jobId());
                    }
                });
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
            return succeeded;
        }
    }

    private static long committedOnDeliveries(KafkaSettings kafka, String group) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, "test-admin"))) {
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(kafka.catalog().deliveries().name()))
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
