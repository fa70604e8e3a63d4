package dev.hooklane.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.http.LivenessCheck;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A view whose reading thread dies says so, so that the service's liveness check can fail. */
@Tag("kafka")
class CompactedTopicViewTest {

    private final KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("view"),
            TopicCatalog.DEFAULT_RETRY_SCHEDULE);

    @Test
    void shouldSayItStoppedUnexpectedlyWhenItsListenerThrows() throws Exception {
        KafkaClients.ensureTopics(kafka, "view-test");
        Topic<String, Tenant> tenants = kafka.catalog().tenants();
        try (CompactedTopicView<Tenant> view = new CompactedTopicView<>(kafka, tenants, "view-test-tenants", (key, previous, current) -> {
            if (key.equals("poisoned")) {
                throw new IllegalStateException("listener failed on " + key);
            }
        }).start()) {
            assertThat(view.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            LivenessCheck liveness = LivenessCheck.of("tenant view", () -> !view.stoppedUnexpectedly());
            write(tenants, "fine");
            await().atMost(Duration.ofSeconds(60)).until(() -> view.get("fine").isPresent());
            assertThat(liveness.deadReason()).isEmpty();

            write(tenants, "poisoned");
            await().atMost(Duration.ofSeconds(60)).until(view::stoppedUnexpectedly);
            assertThat(liveness.deadReason()).contains("tenant view has stopped");
        }
    }

    @Test
    void shouldFollowATopicThatReachesTheBrokerAfterTheViewStarted() throws Exception {
        KafkaSettings late = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("late-view"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        Topic<String, Tenant> tenants = late.catalog().tenants();
        try (CompactedTopicView<Tenant> view = new CompactedTopicView<>(late, tenants, "view-test-late").start()) {
            // The view keeps asking while the broker does not know the topic; it does not stop.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !view.stoppedUnexpectedly());
            KafkaClients.ensureTopics(late, "view-test-late");
            assertThat(view.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            write(late, tenants, "arrived");
            await().atMost(Duration.ofSeconds(60)).until(() -> view.get("arrived").isPresent());
            assertThat(view.stoppedUnexpectedly()).isFalse();
        }
    }

    @Test
    void shouldNotSayItStoppedUnexpectedlyWhenClosed() throws Exception {
        KafkaClients.ensureTopics(kafka, "view-test");
        CompactedTopicView<Tenant> view = new CompactedTopicView<>(kafka, kafka.catalog().tenants(), "view-test-closed").start();
        assertThat(view.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        assertThat(view.stoppedUnexpectedly()).isFalse();
        view.close();
        assertThat(view.stoppedUnexpectedly()).isFalse();
    }

    private void write(Topic<String, Tenant> topic, String id) throws Exception {
        write(kafka, topic, id);
    }

    private static void write(KafkaSettings kafka, Topic<String, Tenant> topic, String id) throws Exception {
        try (var producer = new KafkaProducer<>(KafkaClients.producer(kafka, "view-test-writer", Map.of()), new StringSerializer(),
                topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), id, new Tenant(id, id, "whsec_" + "A".repeat(32), Instant.now(), Optional.empty())))
                    .get();
        }
    }
}
