package dev.hooklane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.ingest.IngestMain;
import dev.hooklane.router.RouterMain;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.subscriptions.SubscriptionApiMain;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.process.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router, ingest and API, each in a JVM of its own, stop on SIGTERM by themselves (exit 143,
 * not a kill after the bound) after closing everything; the router has committed what it routed.
 * The delivery worker's in-flight case is GracefulShutdownTest in delivery-worker.
 */
@Tag("kafka")
class ServiceShutdownTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int EVENTS = 5;

    /** A service process started but not yet known to be ready. */
    private record Started(ServiceProcess process, String readyUrl) implements AutoCloseable {
        ServiceProcess awaitReady() {
            return process.awaitHealthy(readyUrl, BOUND);
        }

        @Override
        public void close() {
            process.close();
        }
    }

    @Test
    void shouldStopEachServiceOnSigtermAndTheRouterAfterCommittingWhatItRouted(@TempDir Path dir) throws Exception {
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("sigterm"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        KafkaClients.ensureTopics(kafka, "test");
        String applicationId = "router-" + kafka.topicPrefix();

        try (Started router = service(kafka, dir, "router", RouterMain.class.getName(), Map.of(
                     "HOOKLANE_ROUTER_APPLICATION_ID", applicationId, "HOOKLANE_ROUTER_STATE_DIR", dir.resolve("state").toString()));
             Started ingest = service(kafka, dir, "ingest", IngestMain.class.getName(), Map.of());
             Started api = service(kafka, dir, "subscription-api", SubscriptionApiMain.class.getName(), Map.of())) {
            // Started together, awaited one by one: the three JVMs start side by side.
            routeAndStop(kafka, applicationId, router.awaitReady(), ingest.awaitReady(), api.awaitReady());
        }
    }

    private static void routeAndStop(KafkaSettings kafka, String applicationId, ServiceProcess router, ServiceProcess ingest,
                                     ServiceProcess api) throws Exception {
        try (EventPublisher publisher = EventPublisher.create(kafka.bootstrapServers(), kafka.catalog().events())) {
            for (int i = 0; i < EVENTS; i++) {
                publisher.publish(new EventEnvelope("evt-stop-" + i, URI.create("/tests"), "reportCreated", Instant.now(), Optional.empty(),
                        "acme", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), Optional.empty())).join();
            }
        }
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, "test-admin"))) {
            await().atMost(BOUND).until(() -> committed(admin, applicationId, kafka.catalog().events().name()) == EVENTS);
        }

        for (ServiceProcess service : List.of(router, ingest, api)) {
            assertThat(service.stop(BOUND)).as("exit code of %s (143 = stopped by itself on SIGTERM); log:%n%s", service.log(),
                    Files.readString(service.log())).isEqualTo(143);
            assertThat(Files.readString(service.log())).contains("stopped");
        }
        assertThat(Files.readString(router.log())).contains("PENDING_SHUTDOWN -> NOT_RUNNING");
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, "test-admin"))) {
            assertThat(committed(admin, applicationId, kafka.catalog().events().name())).isEqualTo(EVENTS);
        }
    }

    private static Started service(KafkaSettings kafka, Path dir, String name, String mainClass, Map<String, String> extra)
            throws IOException {
        int port = freePort();
        Map<String, String> env = new HashMap<>(Map.of(
                "HOOKLANE_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "HOOKLANE_TOPIC_PREFIX", kafka.topicPrefix(),
                "HOOKLANE_TOPIC_PARTITIONS", Integer.toString(kafka.partitions()),
                "HOOKLANE_HTTP_HOST", "127.0.0.1",
                "HOOKLANE_HTTP_PORT", Integer.toString(port)));
        env.putAll(extra);
        return new Started(ServiceProcess.of(name, mainClass, env, List.of("-Xmx256m"), dir.resolve(name + ".log")).start(),
                "http://127.0.0.1:" + port + "/ready");
    }

    private static long committed(Admin admin, String group, String topic) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset()).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
