package dev.hooklane.delivery.attempt;

import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.delivery.DeadLetter;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.signing.WebhookHeaders;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.signing.WebhookSigner;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.delivery.consumer.RecordHandler;
import dev.hooklane.delivery.http.HttpOutcome;
import dev.hooklane.delivery.http.WebhookHttpClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attempts one delivery job: finds its subscription, signs the body with the subscription's
 * active secrets at attempt time, POSTs it, records the attempt, and hands a failed job to the
 * dead-letter topic. The job resolves once every record it produced is acknowledged.
 */
public final class DeliveryProcessor implements RecordHandler {

    /** The User-Agent of every webhook request. */
    public static final String USER_AGENT = "Hooklane-Webhooks/0.1 (+https://hooklane.dev)";

    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);
    private static final JsonSerde<DeliveryJob> JOBS = JsonSerde.of(DeliveryJob.class);
    private static final JsonSerde<AttemptRecord> ATTEMPTS = JsonSerde.of(AttemptRecord.class);
    private static final JsonSerde<DeadLetter> DEAD_LETTERS = JsonSerde.of(DeadLetter.class);

    private final TopicCatalog catalog;
    private final Function<String, Optional<Subscription>> subscriptions;
    private final WebhookHttpClient http;
    private final Handoff handoff;
    private final DeliveryMetrics metrics;
    private final Duration defaultTimeout;
    private final Clock clock;

    public DeliveryProcessor(TopicCatalog catalog, Function<String, Optional<Subscription>> subscriptions, WebhookHttpClient http,
                             Handoff handoff, DeliveryMetrics metrics, Duration defaultTimeout, Clock clock) {
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.http = http;
        this.handoff = handoff;
        this.metrics = metrics;
        this.defaultTimeout = defaultTimeout;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record) {
        DeliveryJob job;
        try {
            job = JOBS.fromBytes(record.value());
        } catch (SerializationException | IllegalArgumentException | NullPointerException e) {
            metrics.poison();
            log.warn("Skipping unreadable job at {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        Optional<Subscription> subscription = job.subscriptionId().flatMap(subscriptions);
        if (subscription.isEmpty()) {
            return skip(job, "subscription deleted");
        }
        if (!subscription.get().enabled()) {
            return skip(job, "subscription disabled: " + subscription.get().disabledReason().orElse("no reason given"));
        }
        Subscription target = subscription.get();
        return metrics.inFlight(() -> attempt(job, target));
    }

    private CompletableFuture<Void> attempt(DeliveryJob job, Subscription subscription) {
        Instant started = clock.instant();
        byte[] body = job.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(subscription.headers());
        long timestamp = started.getEpochSecond();
        List<WebhookSecret> secrets = subscription.activeSecrets(started).stream().map(SigningSecret::key).toList();
        headers.put(WebhookHeaders.ID, job.jobId());
        headers.put(WebhookHeaders.TIMESTAMP, Long.toString(timestamp));
        headers.put(WebhookHeaders.SIGNATURE, WebhookSigner.sign(job.jobId(), timestamp, body, secrets));
        Duration timeout = subscription.timeout().orElse(defaultTimeout);
        return http.post(URI.create(subscription.url()), headers, body, job.contentType(), timeout)
                .thenCompose(outcome -> settle(job, outcome, started));
    }

    private CompletableFuture<Void> settle(DeliveryJob job, HttpOutcome outcome, Instant started) {
        return switch (outcome) {
            case HttpOutcome.Response response when response.isSuccess() -> {
                metrics.attempt(AttemptOutcome.SUCCESS, "2xx", response.duration());
                metrics.delivered(Duration.between(job.eventTime(), clock.instant()));
                log.debug("Delivered {} (event {}, subscription {}, attempt {}) with {}", job.jobId(), job.eventId(),
                        job.subscriptionId().orElse("-"), job.attempt(), response.status());
                yield record(job, AttemptOutcome.SUCCESS, Optional.of(response.status()), response.duration(),
                        Optional.of(response.excerpt()), Optional.empty(), started);
            }
            case HttpOutcome.Response response -> {
                String reason = "HTTP " + response.status();
                metrics.attempt(AttemptOutcome.DLQ, DeliveryMetrics.statusClass(response.status()), response.duration());
                yield CompletableFuture.allOf(
                        record(job, AttemptOutcome.DLQ, Optional.of(response.status()), response.duration(), Optional.of(response.excerpt()),
                                Optional.of(reason), started),
                        deadLetter(job, reason, Optional.of(response.status()), Optional.empty()));
            }
            case HttpOutcome.Failure failure -> {
                metrics.attempt(AttemptOutcome.DLQ, "none", failure.duration());
                yield CompletableFuture.allOf(
                        record(job, AttemptOutcome.DLQ, Optional.empty(), failure.duration(), Optional.empty(),
                                Optional.of(failure.kind() + ": " + failure.message()), started),
                        deadLetter(job, failure.kind(), Optional.empty(), Optional.of(failure.message())));
            }
        };
    }

    private CompletableFuture<Void> skip(DeliveryJob job, String reason) {
        metrics.attempt(AttemptOutcome.SKIPPED, "none", Duration.ZERO);
        log.info("Not sending {} (event {}, subscription {}): {}", job.jobId(), job.eventId(), job.subscriptionId().orElse("-"), reason);
        return record(job, AttemptOutcome.SKIPPED, Optional.empty(), Duration.ZERO, Optional.empty(), Optional.of(reason), clock.instant());
    }

    private CompletableFuture<Void> record(DeliveryJob job, AttemptOutcome outcome, Optional<Integer> status, Duration took,
                                           Optional<String> excerpt, Optional<String> error, Instant at) {
        AttemptRecord attempt = new AttemptRecord(job.jobId(), job.eventId(), job.tenant(), job.subscriptionId(), job.attempt(), outcome,
                status, took.toMillis(), excerpt, error, at);
        return handoff.send(new ProducerRecord<>(catalog.attempts().name(), job.key(), ATTEMPTS.toBytes(attempt))).thenApply(m -> null);
    }

    private CompletableFuture<Void> deadLetter(DeliveryJob job, String reason, Optional<Integer> status, Optional<String> error) {
        log.info("Dead-lettering {} (event {}, subscription {}, attempt {}): {}", job.jobId(), job.eventId(),
                job.subscriptionId().orElse("-"), job.attempt(), reason);
        DeadLetter letter = new DeadLetter(job, reason, status, error, clock.instant());
        return handoff.send(new ProducerRecord<>(catalog.dlq().name(), job.key(), DEAD_LETTERS.toBytes(letter))).thenApply(m -> null);
    }
}
