package dev.hooklane.delivery.attempt;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.JobHeaders;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.signing.WebhookHeaders;
import dev.hooklane.contracts.signing.WebhookSigner;
import dev.hooklane.delivery.consumer.RecordHandler;
import dev.hooklane.delivery.endpoint.Admission;
import dev.hooklane.delivery.endpoint.EndpointGuard;
import dev.hooklane.delivery.http.HttpOutcome;
import dev.hooklane.delivery.http.WebhookHttpClient;
import dev.hooklane.delivery.retry.RetrySchedule;
import dev.hooklane.delivery.destination.DeliveryTarget;
import dev.hooklane.delivery.destination.TargetResolver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attempts one delivery job: resolves its target at attempt time, asks the endpoint's guard,
 * signs the body with the target's active secrets, POSTs it and hands the answer to the
 * {@link OutcomeHandler}. A job whose endpoint is busy or rate-limited is handed to a wait tier
 * instead of waiting in the partition. The job resolves once every record it produced is
 * acknowledged.
 */
public final class DeliveryProcessor implements RecordHandler {

    /** The User-Agent of every webhook request. */
    public static final String USER_AGENT = "Hooklane-Webhooks/0.1 (+https://hooklane.dev)";

    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);
    private static final JsonSerde<DeliveryJob> JOBS = JsonSerde.of(DeliveryJob.class);
    private static final java.util.concurrent.Executor SETTLING = java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("settle-", 0).factory());

    private final TargetResolver targets;
    private final EndpointGuard guard;
    private final WebhookHttpClient http;
    private final JobWriter writer;
    private final OutcomeHandler outcomes;
    private final RetrySchedule schedule;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public DeliveryProcessor(TargetResolver targets, EndpointGuard guard, WebhookHttpClient http, JobWriter writer, OutcomeHandler outcomes,
                             RetrySchedule schedule, DeliveryMetrics metrics, Clock clock) {
        this.targets = targets;
        this.guard = guard;
        this.http = http;
        this.writer = writer;
        this.outcomes = outcomes;
        this.schedule = schedule;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public Instant dueAt(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(JobHeaders.DUE_AT);
        if (header == null) {
            return Instant.MIN;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(new String(header.value(), StandardCharsets.UTF_8)));
        } catch (NumberFormatException e) {
            return Instant.MIN;
        }
    }

    @Override
    public CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record) {
        DeliveryJob job;
        try {
            job = JOBS.fromBytes(record.value());
            if (job == null) {
                throw new IllegalArgumentException("no value");
            }
        } catch (SerializationException | IllegalArgumentException | NullPointerException e) {
            metrics.poison();
            log.warn("Skipping unreadable job at {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        JobContext context = JobContext.of(job, record.headers());
        Instant now = clock.instant();
        return switch (targets.resolve(job, now)) {
            case TargetResolver.Unsendable unsendable -> outcomes.unsendable(context, unsendable, now);
            case TargetResolver.Send send -> admit(context, send.target(), now);
        };
    }

    private CompletableFuture<Void> admit(JobContext context, DeliveryTarget target, Instant now) {
        return switch (guard.admit(target.endpoint(), target.limits(), context.ratePaid())) {
            case Admission.Go go -> metrics.inFlight(() -> attempt(context, target, go.permit()));
            case Admission.Open open -> outcomes.circuitOpen(context, now);
            case Admission.Defer defer -> {
                metrics.deferred(defer.reason());
                Duration wait = defer.rateReserved() ? defer.delay() : schedule.jittered(defer.delay());
                RetrySchedule.Plan plan = schedule.deferral(wait, now);
                yield writer.toTier(context, context.job().postponed(plan.dueAt()), plan, context.trace(), defer.rateReserved());
            }
        };
    }

    private CompletableFuture<Void> attempt(JobContext context, DeliveryTarget target, Admission.Permit permit) {
        DeliveryJob job = context.job();
        Instant started = clock.instant();
        byte[] body = job.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(target.headers());
        long timestamp = started.getEpochSecond();
        headers.put(WebhookHeaders.ID, job.jobId());
        headers.put(WebhookHeaders.TIMESTAMP, Long.toString(timestamp));
        headers.put(WebhookHeaders.SIGNATURE, WebhookSigner.sign(job.jobId(), timestamp, body, target.secrets()));
        // Settling writes to Kafka: it runs off the HTTP client's I/O threads.
        return http.post(target.url(), headers, body, job.contentType(), target.timeout())
                .thenComposeAsync(outcome -> {
                    permit.done(breakerResult(outcome), outcome.duration());
                    return outcomes.settle(context, target, outcome, started);
                }, SETTLING);
    }

    static Admission.Result breakerResult(HttpOutcome outcome) {
        return switch (outcome) {
            case HttpOutcome.Response r when r.status() == 429 -> Admission.Result.NEUTRAL;
            case HttpOutcome.Response r when r.status() == 408 || r.status() >= 500 -> Admission.Result.FAILED;
            case HttpOutcome.Response r -> Admission.Result.ANSWERED;
            case HttpOutcome.Failure f when WebhookHttpClient.REFUSED.equals(f.kind()) -> Admission.Result.NEUTRAL;
            case HttpOutcome.Failure f -> Admission.Result.FAILED;
        };
    }
}
