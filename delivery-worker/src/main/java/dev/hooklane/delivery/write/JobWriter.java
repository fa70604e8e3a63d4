package dev.hooklane.delivery.write;

import dev.hooklane.contracts.delivery.AttemptCodec;
import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.contracts.delivery.DeadLetters;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.JobHeaders;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.delivery.job.JobContext;
import dev.hooklane.delivery.job.JobOrigin;
import dev.hooklane.delivery.retry.AttemptTrace;
import dev.hooklane.delivery.retry.RetrySchedule;
import dev.hooklane.service.metrics.TenantCounters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Writes what becomes of a job: its attempt records, the job itself to a retry tier, its dead letter. */
public final class JobWriter {

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
     * One attempt record. A success's record ends the job, so it names the job record's origin
     * (the other outcomes are ended by the job's tier record or dead letter).
     *
     * @param status the HTTP status, when the receiver answered
     */
    public CompletableFuture<Void> attempt(JobContext context, AttemptOutcome outcome, Optional<Integer> status, Duration took,
                                           Optional<String> excerpt, Optional<String> error, Instant at) {
        DeliveryJob job = context.job();
        AttemptRecord record = new AttemptRecord(job.jobId(), job.eventId(), job.tenant(), job.subscriptionId(), job.attempt(), outcome,
                status, took.toMillis(), excerpt, error, at, context.trigger());
        attemptsByTenant.increment(job.tenant(), outcome.wireName(), 1);
        RecordHeaders headers = new RecordHeaders();
        if (outcome == AttemptOutcome.SUCCESS) {
            context.origin().ifPresent(origin -> origin.writeTo(headers));
        }
        return handoff.send(new ProducerRecord<>(catalog.attempts().name(), null, job.key(), AttemptCodec.encode(record), headers))
                .thenApply(m -> null);
    }

    /** Hands {@code job} (already with its next attempt number and due time) to a retry tier. */
    public CompletableFuture<Void> toTier(JobContext context, DeliveryJob job, RetrySchedule.Plan plan, AttemptTrace trace) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(JobHeaders.DUE_AT, Long.toString(job.dueAt().toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        context.trigger().ifPresent(trigger -> headers.add(JobHeaders.TRIGGER, trigger.getBytes(StandardCharsets.UTF_8)));
        trace.writeTo(headers);
        context.origin().ifPresent(origin -> origin.writeTo(headers));
        return handoff.send(new ProducerRecord<>(catalog.retry(plan.tier()).name(), null, job.key(), JobCodec.encode(job), headers))
                .thenApply(m -> null);
    }

    /** The job's dead letter: the job as it is now, why it died in headers, with the trigger and the results of its attempts. */
    public CompletableFuture<Void> deadLetter(JobContext context, AttemptTrace trace, DeadLetterCause cause, String reason,
                                              Optional<Integer> status, Optional<String> error, Instant at) {
        RecordHeaders jobHeaders = new RecordHeaders();
        context.trigger().ifPresent(trigger -> jobHeaders.add(JobHeaders.TRIGGER, trigger.getBytes(StandardCharsets.UTF_8)));
        trace.writeTo(jobHeaders);
        context.origin().ifPresent(origin -> origin.writeTo(jobHeaders));
        return handoff.send(new ProducerRecord<>(catalog.dlq().name(), null, context.job().key(), JobCodec.encode(context.job()),
                DeadLetters.headers(jobHeaders, cause, reason, status, error, at))).thenApply(m -> null);
    }

    /** A record no job could be read from: dead-lettered with its key, bytes and headers as they were. */
    public CompletableFuture<Void> unreadable(ConsumerRecord<String, byte[]> record, String reason, Instant at) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        JobOrigin.of(record).writeTo(headers);
        return handoff.send(new ProducerRecord<>(catalog.dlq().name(), null, record.key(), record.value(),
                DeadLetters.headers(headers, DeadLetterCause.UNREADABLE, reason, Optional.empty(), Optional.empty(), at)))
                .thenApply(m -> null);
    }
}
