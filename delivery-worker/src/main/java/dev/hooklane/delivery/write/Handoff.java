package dev.hooklane.delivery.write;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records that must not be lost (a job handed to its next topic, an attempt record, a dead
 * letter, an operational event) and completes only when Kafka acknowledged them. A refused write
 * is tried again with backoff while the worker runs; if the worker stops first, the job stays
 * uncommitted and is redelivered.
 *
 * <p>Futures complete on the producer's I/O thread. What depends on them must be quick and must
 * not write to Kafka on that thread (a write there could wait for metadata or buffer space that
 * only that thread frees): chain further writes with an {@code ...Async} method and an executor.
 */
public final class Handoff implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Handoff.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
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
        return retrying(record.topic(), () -> {
            CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acked.complete(metadata);
                } else {
                    acked.completeExceptionally(error);
                }
            });
            return acked;
        });
    }

    /** Runs {@code write} until it succeeds or the worker stops. */
    public <T> CompletableFuture<T> retrying(String what, Supplier<CompletableFuture<T>> write) {
        CompletableFuture<T> done = new CompletableFuture<>();
        attempt(what, write, done, FIRST_BACKOFF);
        return done;
    }

    private <T> void attempt(String what, Supplier<CompletableFuture<T>> write, CompletableFuture<T> done, Duration backoff) {
        CompletableFuture<T> attempt;
        try {
            attempt = write.get();
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((result, error) -> {
            if (error == null) {
                done.complete(result);
            } else {
                retryLater(what, write, done, backoff, error);
            }
        });
    }

    private <T> void retryLater(String what, Supplier<CompletableFuture<T>> write, CompletableFuture<T> done, Duration backoff, Throwable error) {
        if (!running.getAsBoolean()) {
            done.completeExceptionally(error);
            return;
        }
        log.warn("Write to {} failed ({}); retrying in {}", what, error.toString(), backoff);
        Duration next = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        try {
            retries.schedule(() -> attempt(what, write, done, next), backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(error);
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
