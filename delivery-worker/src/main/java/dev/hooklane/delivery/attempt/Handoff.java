package dev.hooklane.delivery.attempt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records that must not be lost (a job handed to its next topic, an attempt record) and
 * completes only when Kafka acknowledged them. A refused write is tried again with backoff while
 * the worker runs; if the worker stops first, the job stays uncommitted and is redelivered.
 */
public final class Handoff implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Handoff.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final BooleanSupplier running;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("handoff-retry").factory());

    public Handoff(Producer<String, byte[]> producer, BooleanSupplier running) {
        this.producer = producer;
        this.running = running;
    }

    public CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        attempt(record, acked, Duration.ofMillis(100));
        return acked;
    }

    private void attempt(ProducerRecord<String, byte[]> record, CompletableFuture<RecordMetadata> acked, Duration backoff) {
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acked.complete(metadata);
                } else {
                    retryLater(record, acked, backoff, error);
                }
            });
        } catch (RuntimeException e) {
            retryLater(record, acked, backoff, e);
        }
    }

    private void retryLater(ProducerRecord<String, byte[]> record, CompletableFuture<RecordMetadata> acked, Duration backoff, Throwable error) {
        if (!running.getAsBoolean()) {
            acked.completeExceptionally(error);
            return;
        }
        log.warn("Write to {} failed ({}); retrying in {}", record.topic(), error.toString(), backoff);
        Duration next = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        retries.schedule(() -> attempt(record, acked, next), backoff.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
