package dev.hooklane.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events accepted (acknowledged by Kafka), and requests refused by reason: {@code invalid},
 * {@code batch_size}, {@code unavailable} (Kafka did not acknowledge in time).
 */
public final class IngestMetrics implements MeterBinder {

    static final List<String> REFUSAL_REASONS = List.of("invalid", "batch_size", "unavailable");

    private Counter accepted;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    @Override
    public void bindTo(MeterRegistry registry) {
        accepted = Counter.builder("webhook.ingest.events.accepted")
                .description("Events acknowledged by Kafka and answered 202").register(registry);
        for (String reason : REFUSAL_REASONS) {
            refused.put(reason, Counter.builder("webhook.ingest.requests.refused")
                    .description("Requests to the ingest service refused, by reason; nothing of them was stored")
                    .tag("reason", reason).register(registry));
        }
    }

    void accepted(int count) {
        accepted.increment(count);
    }

    void refused(String reason) {
        Counter counter = refused.get(reason);
        if (counter == null) {
            throw new IllegalArgumentException("unknown refusal reason " + reason);
        }
        counter.increment();
    }
}
