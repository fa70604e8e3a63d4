package dev.hooklane.ingest;

import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.ProblemException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events}: one event or a batch, in any form {@link EventRequestReader} reads. The
 * whole request is validated before anything is produced. The answer is 202 only once Kafka has
 * acknowledged every event of the request ({@code acks=all}); when it cannot within the ack timeout
 * (broker unreachable, producer buffer full), 503 with {@code Retry-After}, and the client retries
 * with the same ids.
 */
public final class IngestRoutes {

    private static final Logger log = LoggerFactory.getLogger(IngestRoutes.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final EventPublisher publisher;
    private final Authenticator auth;
    private final EventRequestReader reader;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    public IngestRoutes(EventPublisher publisher, Authenticator auth, EventParser parser, IngestConfig config, IngestMetrics metrics) {
        this.publisher = publisher;
        this.auth = auth;
        this.reader = new EventRequestReader(parser, config);
        this.config = config;
        this.metrics = metrics;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/events", this::post);
    }

    private void post(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        EventRequestReader.Events read = read(EventRequest.of(ctx), tenant);
        List<EventEnvelope> events = read.events();
        publishAll(events);
        metrics.accepted(tenant, events.size());
        if (read.batch()) {
            ctx.status(202).json(Map.of("accepted", events.stream().map(e -> Map.of("id", e.id())).toList()));
        } else {
            ctx.status(202).json(Map.of("id", events.get(0).id(), "status", "accepted"));
        }
    }

    private EventRequestReader.Events read(EventRequest request, String tenant) {
        try {
            return reader.read(request, tenant);
        } catch (ProblemException e) {
            metrics.refused(switch (e.problem().status()) {
                case 413 -> IngestMetrics.Refusal.TOO_LARGE;
                case 415 -> IngestMetrics.Refusal.UNSUPPORTED;
                default -> IngestMetrics.Refusal.INVALID;
            });
            throw e;
        }
    }

    /**
     * Hands every event to the producer, then waits for the acknowledgements, all within the ack
     * timeout: a blocked send (no metadata, full buffer) is bounded by the producer's
     * {@code max.block.ms}, and no further send starts after the first failure or past the deadline.
     */
    private void publishAll(List<EventEnvelope> events) {
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            if (System.nanoTime() > deadline) {
                throw unavailable(events.size(), "Kafka did not take the events within " + config.ackTimeout().toMillis() + "ms");
            }
            CompletableFuture<RecordMetadata> ack = publisher.publish(event);
            if (ack.isCompletedExceptionally()) {
                throw unavailable(events.size(), "Kafka did not take the events: " + failure(ack));
            }
            acks.add(ack);
        }
        try {
            long remaining = Math.max(0, deadline - System.nanoTime());
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(events.size(), "interrupted while waiting for Kafka");
        } catch (ExecutionException e) {
            throw unavailable(events.size(), "Kafka did not accept the events: " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            throw unavailable(events.size(), "Kafka did not acknowledge the events within " + config.ackTimeout().toMillis() + "ms");
        }
    }

    private static String failure(CompletableFuture<?> failed) {
        try {
            failed.join();
            return "unknown";
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getClass().getSimpleName();
        }
    }

    private ProblemException unavailable(int events, String detail) {
        log.warn("Answering 503 for {} events: {}", events, detail);
        metrics.unavailable(events);
        return ProblemException.unavailable(detail + "; some events may have been stored: retry with the same event ids "
                + "(or the same Idempotency-Key), duplicates are dropped by id", RETRY_AFTER);
    }
}
