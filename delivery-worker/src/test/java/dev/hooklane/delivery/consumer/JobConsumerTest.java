package dev.hooklane.delivery.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.JobHeaders;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Holding jobs until due, on a real broker: value = due time in epoch millis. */
@Tag("kafka")
class JobConsumerTest {

    private record Handled(String key, Instant at) {
    }

    private static class DueHandler implements RecordHandler {
        final List<Handled> handled = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record) {
            handled.add(new Handled(record.key(), Instant.now()));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> failed(ConsumerRecord<String, byte[]> record, Throwable error) {
            return CompletableFuture.failedFuture(error);
        }

        @Override
        public Instant dueAt(ConsumerRecord<String, byte[]> record) {
            return Instant.ofEpochMilli(Long.parseLong(new String(record.value(), StandardCharsets.UTF_8)));
        }
    }

    private final KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("consumer"),
            List.of(Duration.ofSeconds(1)));
    private final String topic = kafka.topicPrefix() + "jobs";
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(kafka, "test", Map.of()),
            new StringSerializer(), new ByteArraySerializer());

    private void createTopic() throws Exception {
        createTopic(topic);
    }

    private void createTopic(String name) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, "test"))) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()))).all().get();
        }
    }

    private void produce(String key, Instant due) throws Exception {
        produce(topic, key, due);
    }

    private void produce(String to, String key, Instant due) throws Exception {
        producer.send(new ProducerRecord<>(to, 0, key, Long.toString(due.toEpochMilli()).getBytes(StandardCharsets.UTF_8))).get();
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    private JobConsumer consumer(RecordHandler handler) {
        return consumer(handler, List.of(topic), 10, 100);
    }

    private JobConsumer consumer(RecordHandler handler, List<String> topics, int window, int topicBudget) {
        return new JobConsumer("test-consumer", KafkaClients.consumer(kafka, "test", "group-" + kafka.topicPrefix(), Map.of()), topics,
                handler, window, topicBudget, Duration.ofSeconds(1), FinishedJobs.NONE, Clock.systemUTC()).start();
    }

    @Test
    void shouldHandEachJobOnAtItsOwnDueTimeEvenOutOfOffsetOrder() throws Exception {
        createTopic();
        // Due times travel as epoch millis.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        produce("later", now.plusSeconds(3));
        produce("sooner", now.plusSeconds(1));
        produce("overdue", now.minusSeconds(10));
        DueHandler handler = new DueHandler();
        try (JobConsumer consumer = consumer(handler)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.handled.size() == 3);
            // The overdue job goes at once, the others at their own times, "later" last though it was read first.
            Map<String, Instant> at = new java.util.HashMap<>();
            handler.handled.forEach(handled -> at.put(handled.key(), handled.at()));
            assertThat(handler.handled.get(2).key()).isEqualTo("later");
            assertThat(at.get("sooner")).isAfterOrEqualTo(now.plusSeconds(1));
            assertThat(at.get("later")).isAfterOrEqualTo(now.plusSeconds(3));
        }
    }

    @Test
    void shouldLeaveAHeldJobToTheNextOwnerWhenItStops() throws Exception {
        createTopic();
        produce("held", Instant.now().plusSeconds(3600));
        DueHandler first = new DueHandler();
        try (JobConsumer consumer = consumer(first)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.inFlight() == 1);
        }
        assertThat(first.handled).isEmpty();

        DueHandler next = new DueHandler() {
            @Override
            public Instant dueAt(ConsumerRecord<String, byte[]> record) {
                return Instant.MIN;
            }
        };
        try (JobConsumer consumer = consumer(next)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> next.handled.size() == 1);
            assertThat(next.handled.get(0).key()).isEqualTo("held");
        }
    }

    @Test
    void shouldNotHandTheNextOwnerTheJobsItResolvedAboveItsCommit() throws Exception {
        createTopic();
        produce("held", Instant.now().plusSeconds(3600));
        produce("done-1", Instant.EPOCH);
        produce("done-2", Instant.EPOCH);
        DueHandler first = new DueHandler();
        try (JobConsumer consumer = consumer(first)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.handled.size() == 2 && consumer.inFlight() == 1);
        }
        // The held job keeps the committed offset at 0; the two after it were resolved and are named in the commit.
        DueHandler next = new DueHandler() {
            @Override
            public Instant dueAt(ConsumerRecord<String, byte[]> record) {
                return Instant.MIN;
            }
        };
        try (JobConsumer consumer = consumer(next)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !next.handled.isEmpty());
            produce("new", Instant.EPOCH);
            await().atMost(Duration.ofSeconds(30)).until(() -> next.handled.stream().anyMatch(h -> h.key().equals("new")));
            assertThat(next.handled).extracting(Handled::key).containsExactly("held", "new");
        }
    }

    @Test
    void shouldSkipTheJobsItsLastOwnerEndedAfterItsLastCommit() throws Exception {
        createTopic();
        String ending = kafka.topicPrefix() + "attempts";
        createTopic(ending);
        produce("ended-0", Instant.EPOCH);
        produce("open-1", Instant.EPOCH);
        produce("ended-2", Instant.EPOCH);
        // The last owner committed while job 0 was in flight, wrote what ended jobs 0 and 2 (and a job of another
        // topic), then died before its next commit.
        TopicPartition partition = new TopicPartition(topic, 0);
        OffsetTracker lastOwner = new OffsetTracker();
        lastOwner.assigned(List.of(partition), Map.of());
        lastOwner.started(partition, 0);
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, "test"))) {
            admin.alterConsumerGroupOffsets("group-" + kafka.topicPrefix(), lastOwner.toCommit(null)).all().get();
        }
        for (String origin : List.of(topic + ":0:0", topic + ":0:2", kafka.topicPrefix() + "other:0:1")) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(JobHeaders.ORIGIN, origin.getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(ending, 0, "k", new byte[0], headers)).get();
        }
        DueHandler handler = new DueHandler();
        FinishedJobs finished = new FinishedJobs(KafkaClients.consumer(kafka, "test-ended", null, Map.of()), List.of(ending));
        try (JobConsumer consumer = new JobConsumer("test-consumer", KafkaClients.consumer(kafka, "test", "group-" + kafka.topicPrefix(), Map.of()),
                List.of(topic), handler, 10, 100, Duration.ofSeconds(1), finished, Clock.systemUTC()).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !handler.handled.isEmpty());
            produce("new-3", Instant.EPOCH);
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.handled.stream().anyMatch(h -> h.key().equals("new-3")));
            assertThat(handler.handled).extracting(Handled::key).containsExactly("open-1", "new-3");
        }
    }

    @Test
    void shouldKeepAShortTierFlowingWhileALongOneHoldsItsWholeBudget() throws Exception {
        String longTier = kafka.topicPrefix() + "long";
        String shortTier = kafka.topicPrefix() + "short";
        createTopic(longTier);
        createTopic(shortTier);
        for (int i = 0; i < 8; i++) {
            produce(longTier, "waiting-" + i, Instant.now().plusSeconds(3600));
        }
        DueHandler handler = new DueHandler();
        try (JobConsumer consumer = consumer(handler, List.of(longTier, shortTier), 10, 5)) {
            // One poll may read past the budget; the topic then pauses until its count falls below it.
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.inFlight() >= 5);
            produce(shortTier, "due", Instant.now());
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.handled.stream().anyMatch(h -> h.key().equals("due")));
            assertThat(handler.handled).extracting(Handled::key).containsExactly("due");
        }
    }

    @Test
    void shouldResolveARecordWhoseHandlingFailsThroughItsFailurePath() throws Exception {
        createTopic();
        produce("throws", Instant.EPOCH);
        produce("fails", Instant.EPOCH);
        produce("fine", Instant.EPOCH);
        List<String> rescued = new CopyOnWriteArrayList<>();
        DueHandler failing = new DueHandler() {
            @Override
            public CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record) {
                return switch (record.key()) {
                    case "throws" -> throw new IllegalStateException("a bug");
                    case "fails" -> CompletableFuture.failedFuture(new IllegalStateException("a failed step"));
                    default -> super.handle(record);
                };
            }

            @Override
            public CompletableFuture<Void> failed(ConsumerRecord<String, byte[]> record, Throwable error) {
                rescued.add(record.key() + ": " + error.getMessage());
                return CompletableFuture.completedFuture(null);
            }
        };
        try (JobConsumer consumer = consumer(failing)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> rescued.size() == 2 && consumer.inFlight() == 0);
        }
        assertThat(rescued).containsExactlyInAnyOrder("throws: a bug", "fails: a failed step");
        // All three are resolved and committed: the next owner gets none of them again.
        DueHandler next = new DueHandler();
        try (JobConsumer consumer = consumer(next)) {
            produce("new", Instant.EPOCH);
            await().atMost(Duration.ofSeconds(30)).until(() -> !next.handled.isEmpty());
            assertThat(next.handled).extracting(Handled::key).containsExactly("new");
        }
    }

    @Test
    void shouldSayItStoppedWhenItsLoopDiedAndNotWhenItWasClosed() throws Exception {
        createTopic();
        DueHandler broken = new DueHandler() {
            @Override
            public Instant dueAt(ConsumerRecord<String, byte[]> record) {
                throw new IllegalStateException("a bug on the poll thread");
            }
        };
        try (JobConsumer consumer = consumer(broken)) {
            assertThat(consumer.stoppedUnexpectedly()).isFalse();
            produce("poison", Instant.EPOCH);
            await().atMost(Duration.ofSeconds(30)).until(consumer::stoppedUnexpectedly);
        }
        JobConsumer closed = consumer(new DueHandler());
        closed.close();
        assertThat(closed.stoppedUnexpectedly()).isFalse();
    }
}
