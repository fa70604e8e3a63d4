package dev.hooklane.subscriptions.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.CompactedTopicView;
import dev.hooklane.service.kafka.CompactedTopicView.Versioned;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A commit that ends in an error which does not say whether it committed (the broker answers one
 * that races another instance's fencing with an unexpected error) is settled by reading again:
 * a write that landed counts once, one that did not is written again.
 */
@Tag("kafka")
class TableWriterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("writer"),
            TopicCatalog.DEFAULT_RETRY_SCHEDULE);
    private final Topic<String, Tenant> tenants = kafka.catalog().tenants();

    @Test
    void shouldCountAWriteWhoseCommitLandedButAnsweredAnErrorOnce() throws Exception {
        AtomicInteger failures = new AtomicInteger(1);
        try (CompactedTopicView<Tenant> view = startView("landed");
             TableWriter writer = new TableWriter(kafka, tenants.name(), "writer-landed", TIMEOUT, config -> new KafkaProducer<>(config,
                     new StringSerializer(), new ByteArraySerializer()) {
                 @Override
                 public void commitTransaction() {
                     super.commitTransaction();
                     if (failures.getAndDecrement() > 0) {
                         throw new KafkaException("Unhandled error in EndTxnResponse: The server experienced an unexpected error");
                     }
                 }
             })) {
            Optional<Versioned<Tenant>> first = writer.write(view, tenants.valueSerde().serializer(), "acme", current -> Write.put(tenant("acme")));

            assertThat(first).map(Versioned::version).contains(1L);
            assertThat(failures.get()).as("the failing commit ran, and no second one").isZero();
            Optional<Versioned<Tenant>> second = writer.write(view, tenants.valueSerde().serializer(), "acme", current -> {
                assertThat(current).map(Versioned::version).contains(1L);
                return Write.put(tenant("acme"));
            });
            assertThat(second).map(Versioned::version).contains(2L);
        }
    }

    @Test
    void shouldWriteAgainWhenACommitThatAnsweredAnErrorDidNotLand() throws Exception {
        AtomicInteger failures = new AtomicInteger(1);
        try (CompactedTopicView<Tenant> view = startView("lost");
             TableWriter writer = new TableWriter(kafka, tenants.name(), "writer-lost", TIMEOUT, config -> new KafkaProducer<>(config,
                     new StringSerializer(), new ByteArraySerializer()) {
                 @Override
                 public void commitTransaction() {
                     if (failures.getAndDecrement() > 0) {
                         abortTransaction();
                         throw new KafkaException("Unhandled error in EndTxnResponse: The server experienced an unexpected error");
                     }
                     super.commitTransaction();
                 }
             })) {
            Optional<Versioned<Tenant>> written = writer.write(view, tenants.valueSerde().serializer(), "globex", current -> Write.put(tenant("globex")));

            assertThat(written).map(Versioned::version).contains(1L);
            assertThat(view.versioned("globex")).map(Versioned::version).contains(1L);
            assertThat(failures.get()).as("the failing commit ran, then a second one").isNegative();
        }
    }

    private CompactedTopicView<Tenant> startView(String name) throws InterruptedException {
        KafkaClients.ensureTopics(kafka, "writer-test-" + name);
        CompactedTopicView<Tenant> view = new CompactedTopicView<>(kafka, tenants, "writer-view-" + name).start();
        assertThat(view.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        return view;
    }

    private static Tenant tenant(String id) {
        return new Tenant(id, id, "whsec_" + "A".repeat(32), Instant.parse("2026-12-01T00:00:00Z"), Optional.empty());
    }
}
