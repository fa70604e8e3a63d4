package dev.hooklane.benchmarks.harness;

import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.event.EventEnvelope;
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

    public byte[] serialized(int i) {
        return JobCodec.encode(job(i));
    }
}
