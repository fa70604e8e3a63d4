package dev.hooklane.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.Problem;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events}: one event or a JSON array of events. The answer is 202 only once Kafka
 * has acknowledged every event of the request ({@code acks=all}); when it cannot, 503 with
 * {@code Retry-After}, and the client retries with the same ids.
 */
public final class IngestRoutes {

    private static final Logger log = LoggerFactory.getLogger(IngestRoutes.class);

    private final EventPublisher publisher;
    private final Authenticator auth;
    private final EventParser parser;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    public IngestRoutes(EventPublisher publisher, Authenticator auth, EventParser parser, IngestConfig config, IngestMetrics metrics) {
        this.publisher = publisher;
        this.auth = auth;
        this.parser = parser;
        this.config = config;
        this.metrics = metrics;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/events", this::post);
    }

    private void post(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        JsonNode body = RequestBodies.jsonTree(ctx);
        List<EventEnvelope> events = parseAll(body, tenant);
        List<CompletableFuture<?>> acks = events.stream().<CompletableFuture<?>>map(publisher::publish).toList();
        awaitAcks(acks);
        metrics.accepted(events.size());
        if (body.isArray()) {
            ctx.status(202).json(Map.of("accepted", events.stream().map(e -> Map.of("id", e.id())).toList()));
        } else {
            ctx.status(202).json(Map.of("id", events.get(0).id(), "status", "accepted"));
        }
    }

    private List<EventEnvelope> parseAll(JsonNode body, String tenant) {
        List<JsonNode> nodes = new ArrayList<>();
        if (body.isArray()) {
            if (body.isEmpty() || body.size() > config.maxBatchEvents()) {
                metrics.refused("batch_size");
                throw new ProblemException(Problem.of(413, "batch-too-large", "Batch too large",
                        "a batch holds 1 to " + config.maxBatchEvents() + " events, not " + body.size()));
            }
            body.forEach(nodes::add);
        } else {
            nodes.add(body);
        }
        List<EventEnvelope> events = new ArrayList<>(nodes.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String prefix = body.isArray() ? "[" + i + "]." : "";
            JsonNode node = nodes.get(i);
            if (node.toString().getBytes(StandardCharsets.UTF_8).length > config.maxEventBytes()) {
                errors.add(new FieldError(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                        "an event may have at most " + config.maxEventBytes() + " bytes"));
                continue;
            }
            switch (parser.parse(node, tenant, prefix)) {
                case EventParser.Result.Parsed parsed -> events.add(parsed.event());
                case EventParser.Result.Refused refused -> errors.addAll(refused.errors());
            }
        }
        if (!errors.isEmpty()) {
            metrics.refused("invalid");
            throw ProblemException.validation(errors);
        }
        return events;
    }

    private void awaitAcks(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for Kafka");
        } catch (ExecutionException e) {
            log.warn("Kafka refused events: {}", e.getCause().toString());
            throw unavailable("Kafka did not accept the events: " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            log.warn("Kafka did not acknowledge events within {}", config.ackTimeout());
            throw unavailable("Kafka did not acknowledge the events within " + config.ackTimeout().toSeconds() + "s");
        }
    }

    private ProblemException unavailable(String detail) {
        metrics.refused("unavailable");
        return ProblemException.unavailable(detail + "; nothing may have been stored, retry with the same event ids", Duration.ofSeconds(5));
    }
}
