package dev.hooklane.reliability.harness;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.reliability.ledger.DeliveryLedger;
import dev.hooklane.testkit.http.JsonHttp;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts events to ingest at a steady rate, in small batches, as a well-behaved producer would:
 * a batch answered 202 is acknowledged in the ledger; one answered 503 (or not at all) is posted
 * again with the same event ids after its {@code Retry-After}, until the retry deadline.
 */
public final class SteadyLoad {

    /** The event types the load draws from; subscriptions of the scenarios listen to some of them. */
    public static final List<String> TYPES = List.of("order.created", "order.shipped", "invoice.paid", "user.signed");
    public static final List<String> REGIONS = List.of("eu", "us");
    private static final int BATCH = 20;
    private static final int IN_FLIGHT = 8;

    private final String ingestUrl;
    private final Map<String, String> keysByTenant;
    private final DeliveryLedger ledger;
    private final String runId;
    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(15));
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger refusedBatches = new AtomicInteger();

    /**
     * @param keysByTenant each tenant's API key
     * @param runId makes event ids unique across runs on one broker
     */
    public SteadyLoad(String ingestUrl, Map<String, String> keysByTenant, DeliveryLedger ledger, String runId) {
        this.ingestUrl = ingestUrl;
        this.keysByTenant = Map.copyOf(keysByTenant);
        this.ledger = ledger;
        this.runId = runId;
    }

    /**
     * Posts {@code events} events at {@code perSecond}, returning once each is acknowledged or its
     * retries ran out {@code retryFor} after the last planned post.
     */
    public void run(int events, int perSecond, Duration retryFor) {
        int batches = (events + BATCH - 1) / BATCH;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) * BATCH / perSecond;
        long start = System.nanoTime();
        long giveUpAt = start + intervalNanos * batches + retryFor.toNanos();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<String> tenants = new ArrayList<>(keysByTenant.keySet());
        try (ExecutorService posters = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < batches; i++) {
                sleepUntil(start + intervalNanos * i);
                String tenant = tenants.get(i % tenants.size());
                List<EventEnvelope> batch = nextBatch(tenant, Math.min(BATCH, events - i * BATCH));
                inFlight.acquireUninterruptibly();
                posters.submit(() -> {
                    try {
                        post(tenant, batch, giveUpAt);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
    }

    /** Batches given up on: their events were offered but never acknowledged. */
    public int refusedBatches() {
        return refusedBatches.get();
    }

    private List<EventEnvelope> nextBatch(String tenant, int size) {
        List<EventEnvelope> batch = new ArrayList<>(size);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < size; i++) {
            long n = sequence.incrementAndGet();
            ObjectNode data = Json.mapper().createObjectNode().put("n", n).put("region", REGIONS.get(random.nextInt(REGIONS.size())));
            batch.add(new EventEnvelope(runId + "-" + n, URI.create("/reliability"), TYPES.get(random.nextInt(TYPES.size())),
                    Instant.now(), Optional.of("subject-" + (n % 50)), tenant, data, Optional.empty()));
        }
        return batch;
    }

    private void post(String tenant, List<EventEnvelope> batch, long giveUpAt) {
        ArrayNode body = Json.mapper().createArrayNode();
        for (EventEnvelope event : batch) {
            ledger.sending(event);
            body.addObject().put("id", event.id()).put("type", event.type()).put("source", event.source().toString())
                    .put("subject", event.subject().orElseThrow()).put("time", event.time().toString()).set("data", event.data());
        }
        String json = body.toString();
        while (true) {
            JsonHttp.Answer answer = http.post(ingestUrl + "/v1/events", keysByTenant.get(tenant), json);
            if (answer.status() == 202) {
                batch.forEach(event -> ledger.acknowledged(event.id()));
                return;
            }
            if (answer.status() != 0 && answer.status() != 503 && answer.status() != 429) {
                throw new IllegalStateException("ingest refused a valid batch: " + answer);
            }
            if (System.nanoTime() > giveUpAt) {
                refusedBatches.incrementAndGet();
                return;
            }
            long retryAfter = answer.header("Retry-After").map(Long::parseLong).orElse(1L);
            sleepUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(retryAfter, 2)));
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
