package dev.hooklane.subscriptions.attempts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.AttemptCodec;
import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attempt history against a real broker: the same pages on every instance, and a restart that resumes. */
@Tag("kafka")
class AttemptHistoryTest {

    private final KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("history"),
            List.of(Duration.ofSeconds(1)));
    private KafkaProducer<String, byte[]> producer;

    @TempDir
    Path kept;

    @BeforeEach
    void topics() {
        KafkaClients.ensureTopics(kafka, "attempt-history-test");
        producer = new KafkaProducer<>(KafkaClients.producer(kafka, "attempt-history-test", Map.of()), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        producer.close();
    }

    private void write(int n, String subscriptionId, Instant at) throws Exception {
        AttemptRecord attempt = new AttemptRecord("job-" + n, "evt-" + n, "acme", Optional.of(subscriptionId), 1, AttemptOutcome.SUCCESS,
                Optional.of(200), 5, Optional.empty(), Optional.empty(), at);
        // Keyed by job, as the worker keys them: one subscription's attempts spread over partitions.
        producer.send(new ProducerRecord<>(kafka.catalog().attempts().name(), "job-" + n, AttemptCodec.encode(attempt))).get();
    }

    private AttemptHistory history(HistorySettings settings) {
        return new AttemptHistory(kafka, kafka.catalog().attempts(), settings, Clock.systemUTC()).start();
    }

    private static List<String> allPages(List<AttemptHistory> instances, String subscriptionId, int limit) {
        List<String> jobs = new ArrayList<>();
        Optional<AttemptStore.Position> cursor = Optional.empty();
        int page = 0;
        do {
            AttemptStore.Page answer = instances.get(page++ % instances.size()).ofSubscription(subscriptionId, cursor, limit);
            answer.attempts().forEach(attempt -> jobs.add(attempt.jobId()));
            cursor = answer.next();
        } while (cursor.isPresent());
        return jobs;
    }

    @Test
    void shouldAnswerTheSamePagesOnTwoInstancesWhateverInstanceACursorCameFrom() throws Exception {
        Instant now = Instant.now();
        for (int n = 0; n < 30; n++) {
            write(n, "sub-1", now.minusSeconds(30 - n));
        }
        try (AttemptHistory a = history(HistorySettings.defaults()); AttemptHistory b = history(HistorySettings.defaults())) {
            assertThat(a.awaitLoaded(Duration.ofSeconds(30))).isTrue();
            assertThat(b.awaitLoaded(Duration.ofSeconds(30))).isTrue();

            List<String> fromA = allPages(List.of(a), "sub-1", 7);
            assertThat(fromA).hasSize(30).doesNotHaveDuplicates().startsWith("job-29", "job-28").endsWith("job-1", "job-0");
            assertThat(allPages(List.of(a, b), "sub-1", 7)).isEqualTo(fromA);
            assertThat(allPages(List.of(b, a), "sub-1", 7)).isEqualTo(fromA);
        }
    }

    @Test
    void shouldResumeFromItsDirectoryAfterARestartAndLeaveOutAttemptsPastTheRetention() throws Exception {
        HistorySettings settings = HistorySettings.defaults().withAttemptHistoryDir(kept);
        Instant now = Instant.now();
        write(0, "sub-2", now.minus(HistorySettings.DEFAULT_RETENTION).minusSeconds(60));
        write(1, "sub-2", now.minusSeconds(10));
        try (AttemptHistory first = history(settings)) {
            assertThat(first.awaitLoaded(Duration.ofSeconds(30))).isTrue();
            assertThat(first.recent("sub-2", 10)).extracting(AttemptRecord::jobId).containsExactly("job-1");
        }
        write(2, "sub-2", now.minusSeconds(5));
        try (AttemptHistory second = history(settings)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.recent("sub-2", 10).size() == 2);
            assertThat(second.recent("sub-2", 10)).extracting(AttemptRecord::jobId).containsExactly("job-2", "job-1");
        }
    }
}
