package dev.hooklane.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.metrics.ServiceMetrics;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One way of following a topic: unreadable records are counted and skipped, a dead thread says so, a group resumes where it committed. */
@Tag("kafka")
class TopicFollowerTest {

    private final KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("follower"),
            TopicCatalog.DEFAULT_RETRY_SCHEDULE);
    private final String topic = kafka.catalog().attempts().name();
    private final List<String> handled = new CopyOnWriteArrayList<>();

    private void handle(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        String value = new String(record.value(), StandardCharsets.UTF_8);
        if (value.startsWith("poison")) {
            throw new SerializationException("not a record of this topic");
        }
        handled.add(value);
    }

    @Test
    void shouldCountLogAndSkipAnUnreadableRecordAndFollowOn() throws Exception {
        KafkaClients.ensureTopics(kafka, "follower-test");
        write("k", "first", "poison-1", "second");
        String name = kafka.topicPrefix() + "follower-poison";
        try (ServiceMetrics metrics = new ServiceMetrics();
             TopicFollower follower = new TopicFollower(kafka, name, topic, TopicFollower.Start.beginning(), this::handle).start()) {
            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(handled).containsExactly("first", "second");
            assertThat(UnreadableRecords.shared().count(name, topic)).isEqualTo(1);
            assertThat(metrics.registry().scrape().lines().filter(line -> line.startsWith("webhook_records_unreadable_total")))
                    .contains("webhook_records_unreadable_total{reader=\"" + name + "\",topic=\"" + topic + "\"} 1.0");
            assertThat(follower.stoppedUnexpectedly()).isFalse();
        }
    }

    @Test
    void shouldSayItStoppedUnexpectedlyWhenItsThreadIsInterrupted() throws Exception {
        KafkaClients.ensureTopics(kafka, "follower-test");
        String name = kafka.topicPrefix() + "follower-killed";
        try (TopicFollower follower = new TopicFollower(kafka, name, topic, TopicFollower.Start.beginning(), this::handle).start()) {
            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(follower.stoppedUnexpectedly()).isFalse();
            Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name + "-follower")).forEach(Thread::interrupt);
            await().atMost(Duration.ofSeconds(30)).until(follower::stoppedUnexpectedly);
        }
    }

    @Test
    void shouldResumeAGroupFromWhereItCommitted() throws Exception {
        KafkaClients.ensureTopics(kafka, "follower-test");
        String group = kafka.topicPrefix() + "group";
        write("k", "one", "two");
        try (TopicFollower first = new TopicFollower(kafka, kafka.topicPrefix() + "member-1", topic, TopicFollower.Start.group(group), this::handle)
                .start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == 2);
        }
        write("k", "three");
        try (TopicFollower second = new TopicFollower(kafka, kafka.topicPrefix() + "member-2", topic, TopicFollower.Start.group(group), this::handle)
                .start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == 3);
        }
        assertThat(handled).containsExactly("one", "two", "three");
    }

    private void write(String key, String... values) throws Exception {
        try (var producer = new KafkaProducer<>(KafkaClients.producer(kafka, "follower-test-writer", Map.of()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }
}
