package dev.hooklane.delivery.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.JobHeaders;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.delivery.job.JobContext;
import dev.hooklane.delivery.job.JobOrigin;
import dev.hooklane.delivery.retry.AttemptTrace;
import dev.hooklane.delivery.retry.RetrySchedule;
import dev.hooklane.service.metrics.TenantCounters;
import dev.hooklane.service.metrics.TenantSeries;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which records name the job record they end: those a partition's next owner may skip the job for. */
class JobWriterTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final JobOrigin ORIGIN = new JobOrigin(new TopicPartition("hooklane.deliveries", 3), 41);

    private final TopicCatalog catalog = TopicCatalog.defaults(6);
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final Handoff handoff = new Handoff(producer, () -> true);
    private final JobWriter writer = new JobWriter(catalog, handoff, new TenantCounters("test.attempts", "attempts", List.of("success"),
            TenantSeries.none()));
    private final DeliveryJob job = new DeliveryJob("msg_1", "evt-1", "acme", Optional.of("sub-1"), Optional.empty(), "t", "application/json",
            "{}".getBytes(StandardCharsets.UTF_8), NOW, NOW, 1, NOW);
    private final JobContext context = new JobContext(job, Optional.empty(), AttemptTrace.empty(), false, Optional.of(ORIGIN));

    @AfterEach
    void close() {
        handoff.close();
    }

    private Optional<JobOrigin> originOfLast() {
        List<ProducerRecord<String, byte[]>> sent = producer.history();
        return JobOrigin.in(sent.get(sent.size() - 1).headers());
    }

    @Test
    void shouldNameTheOriginOnTheRecordsThatEndAJobAndOnlyThere() {
        writer.attempt(context, AttemptOutcome.SUCCESS, Optional.of(200), Duration.ofMillis(3), Optional.empty(), Optional.empty(), NOW).join();
        assertThat(originOfLast()).contains(ORIGIN);

        writer.attempt(context, AttemptOutcome.RETRY, Optional.of(503), Duration.ofMillis(3), Optional.empty(), Optional.of("503"), NOW).join();
        assertThat(originOfLast()).as("a retry's attempt record does not end the job: its tier record does").isEmpty();

        RetrySchedule.Plan plan = new RetrySchedule.Plan(catalog.retryTiers().get(0), NOW.plusSeconds(5));
        writer.toTier(context, job.nextAttempt(plan.dueAt()), plan, AttemptTrace.empty()).join();
        assertThat(originOfLast()).contains(ORIGIN);

        writer.deadLetter(context, AttemptTrace.empty(), DeadLetterCause.EXHAUSTED, "exhausted", Optional.of(503), Optional.empty(), NOW).join();
        assertThat(originOfLast()).contains(ORIGIN);
    }

    @Test
    void shouldNameAnUnreadableRecordItselfInItsDeadLetterInsteadOfTheOriginItCarried() {
        RecordHeaders carried = new RecordHeaders();
        new JobOrigin(new TopicPartition("hooklane.deliveries", 0), 7).writeTo(carried);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("hooklane.retry.5s", 2, 99, 0L, TimestampType.CREATE_TIME, 1, 2, "k",
                new byte[] {1, 2}, carried, Optional.empty());
        record.headers().add(JobHeaders.ORIGIN, "hooklane.deliveries:0:7".getBytes(StandardCharsets.UTF_8));

        writer.unreadable(record, "unreadable", NOW).join();

        assertThat(originOfLast()).contains(new JobOrigin(new TopicPartition("hooklane.retry.5s", 2), 99));
        assertThat(producer.history().get(0).headers().headers(JobHeaders.ORIGIN)).hasSize(1);
    }

    @Test
    void shouldReadNoOriginFromAHeaderItCannotParse() {
        for (String value : List.of("", "topic", "topic:1", "topic:x:1", ":1:2", "topic:1:y")) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(JobHeaders.ORIGIN, value.getBytes(StandardCharsets.UTF_8));
            assertThat(JobOrigin.in(headers)).as(value).isEmpty();
        }
        RecordHeaders dotted = new RecordHeaders();
        dotted.add(JobHeaders.ORIGIN, "a.b-c_d:12:345".getBytes(StandardCharsets.UTF_8));
        assertThat(JobOrigin.in(dotted)).contains(new JobOrigin(new TopicPartition("a.b-c_d", 12), 345));
    }
}
