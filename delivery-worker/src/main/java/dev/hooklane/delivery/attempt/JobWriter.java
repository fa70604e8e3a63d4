package dev.hooklane.delivery.attempt;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.delivery.DeadLetter;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.JobHeaders;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.metrics.TenantCounters;
import dev.hooklane.delivery.retry.AttemptTrace;
import dev.hooklane.delivery.retry.RetrySchedule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Writes what becomes of a job: its attempt records, the job itself to a retry tier, its dead letter. */
public final class JobWriter {

    private static final JsonSerde<DeliveryJob> JOBS = JsonSerde.of(DeliveryJob.class);
    private static final JsonSerde<AttemptRecord> ATTEMPTS = JsonSerde.of(AttemptRecord.class);
    private static final JsonSerde<DeadLetter> DEAD_LETTERS = JsonSerde.of(DeadLetter.class);

    private final TopicCatalog catalog;
    private final Handoff handoff;
    private final TenantCounters attemptsByTenant;

    /**
     * @param attemptsByTenant counts each attempt of the tenants that have series of their own
     */
    public JobWriter(TopicCatalog catalog, Handoff handoff, TenantCounters attemptsByTenant) {
        this.catalog = catalog;
        this.handoff = handoff;
        this.attemptsByTenant = attemptsByTenant;
    }

    /**
     * One attempt record.
     *
     * @param status the HTTP status, when the receiver answered
     */
    public CompletableFuture<Void> attempt(JobContext context, AttemptOutcome outcome, Optional<Integer> status, Duration took,
                                           Optional<String> excerpt, Optional<String> error, Instant at) {
        DeliveryJob job = context.job();
        AttemptRecord record = new AttemptRecord(job.jobId(), job.eventId(), job.tenant(), job.subscriptionId(), job.attempt(), outcome,
                status, took.toMillis(), excerpt, error, at, context.trigger());
        attemptsByTenant.increment(job.tenant(), outcome.wireName(), 1);
        return handoff.send(new ProducerRecord<>(catalog.attempts().name(), job.key(), ATTEMPTS.toBytes(record))).thenApply(m -> null);
    }

    /**
     * Hands {@code job} (already with its next attempt number and due time) to a retry tier.
     *
     * @param ratePaid the job's rate-limit slot is reserved
     */
    public CompletableFuture<Void> toTier(JobContext context, DeliveryJob job, RetrySchedule.Plan plan, AttemptTrace trace, boolean ratePaid) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(JobHeaders.DUE_AT, Long.toString(job.dueAt().toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        context.trigger().ifPresent(trigger -> headers.add(JobHeaders.TRIGGER, trigger.getBytes(StandardCharsets.UTF_8)));
        if (ratePaid) {
            headers.add(JobHeaders.RATE_RESERVED, new byte[] {1});
        }
        trace.writeTo(headers);
        return handoff.send(new ProducerRecord<>(catalog.retry(plan.tier()).name(), null, job.key(), JOBS.toBytes(job), headers))
                .thenApply(m -> null);
    }

    public CompletableFuture<Void> deadLetter(JobContext context, String reason, Optional<Integer> status, Optional<String> error, Instant at) {
        DeadLetter letter = new DeadLetter(context.job(), reason, status, error, at);
        RecordHeaders headers = new RecordHeaders();
        context.trigger().ifPresent(trigger -> headers.add(JobHeaders.TRIGGER, trigger.getBytes(StandardCharsets.UTF_8)));
        return handoff.send(new ProducerRecord<>(catalog.dlq().name(), null, context.job().key(), DEAD_LETTERS.toBytes(letter), headers))
                .thenApply(m -> null);
    }
}
