package dev.hooklane.delivery.process;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.JobHeaders;
import dev.hooklane.contracts.signing.WebhookHeaders;
import dev.hooklane.contracts.signing.WebhookSigner;
import dev.hooklane.delivery.consumer.RecordHandler;
import dev.hooklane.delivery.destination.Destination;
import dev.hooklane.delivery.destination.Destinations;
import dev.hooklane.delivery.endpoint.Endpoints;
import dev.hooklane.delivery.endpoint.Waiter;
import dev.hooklane.delivery.endpoint.WaitingCount;
import dev.hooklane.delivery.http.FailureKind;
import dev.hooklane.delivery.http.HttpOutcome;
import dev.hooklane.delivery.http.WebhookHttpClient;
import dev.hooklane.delivery.job.JobContext;
import dev.hooklane.delivery.job.JobOrigin;
import dev.hooklane.delivery.metrics.DeliveryMetrics;
import dev.hooklane.delivery.metrics.DeliveryMetrics.DeferReason;
import dev.hooklane.delivery.outcome.OutcomeDecision;
import dev.hooklane.delivery.outcome.OutcomeWriter;
import dev.hooklane.delivery.outcome.OutcomeWriter.Attempted;
import dev.hooklane.delivery.write.JobWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works one job record to its end: reads it (an unreadable record is dead-lettered with its bytes),
 * finds its destination at attempt time (waiting while the worker's view of the subscriptions has
 * not caught up with the job), asks the endpoint for a request (waiting in its queue, or deferred
 * when there is no room), signs the body with the destination's active secrets, POSTs it, and
 * hands the answer to the {@link OutcomeDecision} and the {@link OutcomeWriter}. The job resolves
 * once every record it produced is acknowledged.
 *
 * <p>Threads: reading, resolving and the first request run on the consumer's poll thread; each
 * answer leaves the HTTP client's I/O thread for the single {@code settle} thread ({@link SettleLanes}),
 * which writes the outcome and then, once no other answer waits, releases the endpoint's permit
 * (starting the next waiting job).
 */
public final class DeliveryProcessor implements RecordHandler {

    /** The User-Agent of every webhook request. */
    public static final String USER_AGENT = "Hooklane-Webhooks/0.1 (+https://hooklane.dev)";

    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);
    /** How long a job whose subscription the worker's view does not know yet waits before it asks again. */
    private static final Duration NOT_YET_KNOWN_PAUSE = Duration.ofMillis(200);
    private static final Duration NOT_YET_KNOWN_WARNING = Duration.ofSeconds(60);

    private final Destinations destinations;
    private final Endpoints endpoints;
    private final WebhookHttpClient http;
    private final OutcomeDecision decision;
    private final OutcomeWriter outcomes;
    private final JobWriter writer;
    private final DeliveryMetrics metrics;
    private final SettleLanes settle;
    private final Executor follow;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Map<TopicPartition, WaitingCount> waiting = new ConcurrentHashMap<>();

    /**
     * @param settle the thread answers are worked on, off the HTTP client's I/O threads: each answer's records first, then
     *     the slot it freed
     * @param follow where failed jobs are resolved: {@link #failed} may be called on a producer's I/O thread
     * @param timer asks again for jobs whose subscription is not known yet
     */
    public DeliveryProcessor(Destinations destinations, Endpoints endpoints, WebhookHttpClient http, OutcomeDecision decision,
                             OutcomeWriter outcomes, JobWriter writer, DeliveryMetrics metrics, SettleLanes settle, Executor follow, ScheduledExecutorService timer,
                             Clock clock) {
        this.destinations = destinations;
        this.endpoints = endpoints;
        this.http = http;
        this.decision = decision;
        this.outcomes = outcomes;
        this.writer = writer;
        this.metrics = metrics;
        this.settle = settle;
        this.follow = follow;
        this.timer = timer;
        this.clock = clock;
    }

    @Override
    public Instant dueAt(ConsumerRecord<String, byte[]> record) {
        org.apache.kafka.common.header.Header header = record.headers().lastHeader(JobHeaders.DUE_AT);
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
        JobOrigin origin = JobOrigin.of(record);
        JobContext context;
        try {
            context = JobContext.of(JobCodec.decode(record.value()), record.headers(), origin);
        } catch (SerializationException e) {
            return unreadable(record, e);
        }
        return deliver(context, waiting.computeIfAbsent(origin.partition(), p -> new WaitingCount()), clock.instant());
    }

    @Override
    public int waiting(TopicPartition partition) {
        WaitingCount count = waiting.get(partition);
        return count == null ? 0 : count.get();
    }

    @Override
    public CompletableFuture<Void> failed(ConsumerRecord<String, byte[]> record, Throwable error) {
        return CompletableFuture.supplyAsync(() -> resolveFailed(record, error), follow).thenCompose(written -> written);
    }

    private CompletableFuture<Void> resolveFailed(ConsumerRecord<String, byte[]> record, Throwable error) {
        JobContext context;
        try {
            context = JobContext.of(JobCodec.decode(record.value()), record.headers(), JobOrigin.of(record));
        } catch (SerializationException e) {
            return unreadable(record, e);
        }
        Instant now = clock.instant();
        return outcomes.carryOut(context, decision.afterInternalError(context, error, now), Optional.empty(), Attempted.none(now));
    }

    private CompletableFuture<Void> unreadable(ConsumerRecord<String, byte[]> record, SerializationException error) {
        String reason = "unreadable job record: " + error.getMessage();
        metrics.poison();
        log.warn("Dead-lettering an unreadable record at {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(), reason);
        return writer.unreadable(record, reason, clock.instant());
    }

    private CompletableFuture<Void> deliver(JobContext context, WaitingCount count, Instant firstAsked) {
        Instant now = clock.instant();
        return switch (destinations.resolve(context.job(), now)) {
            case Destinations.NotYetKnown unknown -> later(context, count, firstAsked, unknown.what());
            case Destinations.Unsendable unsendable -> {
                DeliveryJob job = context.job();
                log.info("Not sending {} (event {}, subscription {}): {}", job.jobId(), job.eventId(), job.subscriptionId().orElse("-"),
                        unsendable.reason());
                yield outcomes.carryOut(context, decision.unsendable(unsendable.cause(), unsendable.reason()), Optional.empty(), Attempted.none(now));
            }
            case Destinations.Send send -> {
                Delivery delivery = new Delivery(context, send.destination(), count);
                endpoints.submit(send.destination().endpoint(), send.destination().limits(), delivery);
                yield delivery.done;
            }
        };
    }

    /** Asks again shortly: the worker's view of the subscriptions (or tenants) has not caught up with the job. */
    private CompletableFuture<Void> later(JobContext context, WaitingCount count, Instant firstAsked, String what) {
        if (Duration.between(firstAsked, clock.instant()).compareTo(NOT_YET_KNOWN_WARNING) > 0) {
            log.warn("Job {} has waited over {} for the worker to learn of {}", context.job().jobId(), NOT_YET_KNOWN_WARNING, what);
            firstAsked = clock.instant();
        }
        Instant since = firstAsked;
        CompletableFuture<Void> later = new CompletableFuture<>();
        timer.schedule(() -> {
            try {
                link(deliver(context, count, since), later);
            } catch (RuntimeException e) {
                later.completeExceptionally(e);
            }
        }, NOT_YET_KNOWN_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        return later;
    }

    private static void link(CompletableFuture<Void> from, CompletableFuture<Void> to) {
        from.whenComplete((done, error) -> {
            if (error == null) {
                to.complete(null);
            } else {
                to.completeExceptionally(error);
            }
        });
    }

    static Waiter.Result breakerResult(HttpOutcome outcome) {
        return switch (outcome) {
            case HttpOutcome.Response r when r.status() == 429 -> Waiter.Result.NEUTRAL;
            case HttpOutcome.Response r when r.status() == 408 || r.status() >= 500 -> Waiter.Result.FAILED;
            case HttpOutcome.Response r -> Waiter.Result.ANSWERED;
            case HttpOutcome.Failure f when f.kind() == FailureKind.REFUSED -> Waiter.Result.NEUTRAL;
            case HttpOutcome.Failure f -> Waiter.Result.FAILED;
        };
    }

    /** One job's way through its endpoint: told once whether it may go, then sent and settled. */
    private final class Delivery implements Waiter {
        private final JobContext context;
        private final Destination destination;
        private final WaitingCount waiting;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Delivery(JobContext context, Destination destination, WaitingCount waiting) {
            this.context = context;
            this.destination = destination;
            this.waiting = waiting;
        }

        @Override
        public void go(Permit permit) {
            Instant started = clock.instant();
            try {
                DeliveryJob job = context.job();
                Header[] custom = destination.headers();
                Header[] headers = new Header[custom.length + 3];
                System.arraycopy(custom, 0, headers, 0, custom.length);
                long timestamp = started.getEpochSecond();
                headers[custom.length] = new BasicHeader(WebhookHeaders.ID, job.jobId());
                headers[custom.length + 1] = new BasicHeader(WebhookHeaders.TIMESTAMP, Long.toString(timestamp));
                headers[custom.length + 2] = new BasicHeader(WebhookHeaders.SIGNATURE,
                        WebhookSigner.sign(job.jobId(), timestamp, job.body(), destination.secrets()));
                metrics.requestStarted();
                http.post(destination.request(), headers, job.body(), job.contentType(), destination.timeout(),
                        outcome -> settle.execute(() -> settled(permit, outcome, started)));
            } catch (RuntimeException e) {
                permit.release(Result.NEUTRAL, Duration.ZERO);
                done.completeExceptionally(e);
            }
        }

        /** Writes the answer's records first; the endpoint's slot is freed (starting its next job) once no answer waits. */
        private void settled(Permit permit, HttpOutcome outcome, Instant started) {
            metrics.requestEnded();
            try {
                link(outcomes.carryOut(context, decision.afterRequest(context, destination.subscription().isPresent(), outcome, started,
                        clock.instant()), destination.subscription(), Attempted.request(outcome, started)), done);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            } finally {
                settle.afterAnswers(() -> permit.release(breakerResult(outcome), outcome.duration()));
            }
        }

        @Override
        public void open() {
            Instant now = clock.instant();
            try {
                link(outcomes.carryOut(context, decision.afterCircuitOpen(context, now), destination.subscription(), Attempted.none(now)), done);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        @Override
        public void defer(DeferReason reason, Duration wait) {
            Instant now = clock.instant();
            try {
                link(outcomes.carryOut(context, decision.deferral(reason, wait, now), destination.subscription(),
                        Attempted.none(now)), done);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        @Override
        public boolean ratePaid() {
            return context.ratePaid();
        }

        @Override
        public WaitingCount waiting() {
            return waiting;
        }
    }
}
