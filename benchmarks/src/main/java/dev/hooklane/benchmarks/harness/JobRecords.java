package dev.hooklane.benchmarks.harness;

import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.render.PayloadRenderer;
import dev.hooklane.contracts.subscription.PayloadFormat;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivery jobs as the router writes them for the benchmark's events: the 1 KiB event rendered in
 * the standard format, job {@code i} for subscription {@code sub-(i mod subscriptions)}.
 */
public final class JobRecords {

    private final EventEnvelope event;
    private final byte[] body;
    private final int subscriptions;

    public JobRecords(int subscriptions) {
        this.event = EventLoad.event(0, "bench.type-0");
        this.body = new PayloadRenderer(event).body(PayloadFormat.STANDARD);
        this.subscriptions = subscriptions;
    }

    /** The request body every job carries, as text. */
    public String body() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    public DeliveryJob job(int i) {
        Instant now = Instant.now();
        return new DeliveryJob("msg_bench_" + i + "_" + Long.toHexString(System.nanoTime()), event.id() + "-" + i, Pipeline.TENANT,
                Optional.of(subscriptionId(i)), Optional.empty(), event.type(), "application/json", body, event.time(), now, 1, now);
    }

    public String subscriptionId(int i) {
        return "sub-" + i % subscriptions;
    }

    /** Job {@code i} as the router writes it (the binary form). */
    public byte[] serialized(int i) {
        return JobCodec.encode(job(i));
    }

    /**
     * Job {@code i} in the first version's JSON, with the body as a string inside: the form a Java
     * team would pick for a consumer of its own (the peer reads it), and which our worker reads too.
     */
    public byte[] serializedAsJson(int i) {
        DeliveryJob job = job(i);
        var node = Json.mapper().createObjectNode();
        node.put("jobId", job.jobId());
        node.put("eventId", job.eventId());
        node.put("tenant", job.tenant());
        node.put("subscriptionId", job.subscriptionId().orElseThrow());
        node.put("eventType", job.eventType());
        node.put("contentType", job.contentType());
        node.put("body", job.bodyText());
        node.put("eventTime", job.eventTime().toString());
        node.put("createdAt", job.createdAt().toString());
        node.put("attempt", job.attempt());
        node.put("dueAt", job.dueAt().toString());
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
