package dev.hooklane.subscriptions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters of the subscription API. Tags take a few fixed values only: the kind of entity and of
 * change, the idempotency outcome; never ids or tenants.
 */
public final class SubscriptionApiMetrics implements MeterBinder {

    /** Entities whose changes are counted. */
    public static final List<String> ENTITIES = List.of("subscription", "event_type", "secret");
    /** Kinds of change. */
    public static final List<String> OPERATIONS = List.of("create", "update", "delete", "rotate", "archive", "disable");
    /** Outcomes of a request that carried an Idempotency-Key. */
    public static final List<String> IDEMPOTENCY_OUTCOMES = List.of("first", "replayed", "in_progress", "mismatch");

    private final Map<String, Counter> changes = new ConcurrentHashMap<>();
    private final Map<String, Counter> idempotency = new ConcurrentHashMap<>();
    /** What became of another service's request to disable a subscription. */
    public static final List<String> DISABLE_OUTCOMES = List.of("applied", "ignored", "failed");

    private final Map<String, Counter> disableRequests = new ConcurrentHashMap<>();
    private volatile Counter testEvents;

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String entity : ENTITIES) {
            for (String operation : OPERATIONS) {
                changes.put(entity + "/" + operation, Counter.builder("webhook.api.changes")
                        .description("Changes written to the platform's tables through the API")
                        .tag("entity", entity).tag("operation", operation).register(registry));
            }
        }
        for (String outcome : IDEMPOTENCY_OUTCOMES) {
            idempotency.put(outcome, Counter.builder("webhook.api.idempotency")
                    .description("Requests that carried an Idempotency-Key, by what the key led to")
                    .tag("outcome", outcome).register(registry));
        }
        for (String outcome : DISABLE_OUTCOMES) {
            disableRequests.put(outcome, Counter.builder("webhook.api.disable.requests")
                    .description("Requests of other services to disable a subscription: applied, ignored (the URL changed, or already"
                            + " disabled or deleted), failed (Kafka did not take the write)")
                    .tag("outcome", outcome).register(registry));
        }
        testEvents = Counter.builder("webhook.api.test.events")
                .description("Example events sent to a subscription on request").register(registry);
    }

    public void changed(String entity, String operation) {
        Counter counter = changes.get(entity + "/" + operation);
        if (counter != null) {
            counter.increment();
        }
    }

    public void idempotency(String outcome) {
        Counter counter = idempotency.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }

    public void testEventSent() {
        Counter counter = testEvents;
        if (counter != null) {
            counter.increment();
        }
    }

    public void disableRequest(String outcome) {
        Counter counter = disableRequests.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }
}
