package dev.hooklane.benchmarks.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.event.EventCodec;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The load generator: structured CloudEvents with 1 KiB of data, produced straight to the events
 * topic as a producer service would (durable producer), each stamped with the time it is sent.
 */
public final class EventLoad implements AutoCloseable {

    /** Size of each event's data, in bytes of JSON. */
    public static final int DATA_BYTES = 1024;
    private static final int SUBJECTS = 64;
    private static final String PADDING = "x".repeat(DATA_BYTES - "{\"seq\":0,\"padding\":\"\"}".length() - 6);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopped;

    public EventLoad(KafkaSettings kafka) {
        this.producer = new KafkaProducer<>(KafkaClients.producer(kafka, "benchmark-load", Map.of()), new StringSerializer(), new ByteArraySerializer());
        this.topic = kafka.catalog().events().name();
    }

    /** Sends one event of {@code type}, stamped now; events are spread over 64 subjects, hence over the partitions. */
    public void send(String type) {
        EventEnvelope event = event(sent.incrementAndGet(), type);
        var record = new ProducerRecord<>(topic, null, event.partitionKey(), EventCodec.toStructuredJson(event),
                new RecordHeaders().add("content-type", EventCodec.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            }
        });
    }

    /**
     * Sends events at {@code perSecond} for {@code duration}, paced every millisecond. Before each
     * send {@code mayContinue} is asked with the number sent so far by this call; while it says
     * no, sending waits (a bound on what is outstanding). {@link #stop()} ends it sooner. Returns
     * the number sent.
     */
    public long run(double perSecond, Duration duration, IntFunction<String> typeOf, LongPredicate mayContinue) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long count = 0;
        while (!stopped && System.nanoTime() < end) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
            while (!stopped && count < due && System.nanoTime() < end) {
                if (!mayContinue.test(count)) {
                    Pause.of(Duration.ofMillis(2));
                    continue;
                }
                send(typeOf.apply((int) (count % Integer.MAX_VALUE)));
                count++;
            }
            Pause.of(Duration.ofMillis(1));
        }
        producer.flush();
        return count;
    }

    /** Event number {@code seq} of {@code type} with 1 KiB of data, stamped now. */
    public static EventEnvelope event(long seq, String type) {
        ObjectNode data = Json.mapper().createObjectNode().put("seq", seq).put("padding", PADDING);
        String id = "evt-" + Long.toHexString(System.nanoTime()) + "-" + seq;
        return new EventEnvelope(id, URI.create("/benchmark"), type, Instant.now(), Optional.of("subject-" + seq % SUBJECTS),
                Pipeline.TENANT, data, Optional.empty());
    }

    /** Ends a {@link #run} under way, as if its duration had passed. */
    public void stop() {
        stopped = true;
    }

    /** Sends that the broker refused so far. */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
