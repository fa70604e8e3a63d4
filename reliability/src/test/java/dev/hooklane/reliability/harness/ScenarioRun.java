package dev.hooklane.reliability.harness;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.reliability.ledger.DeliveryLedger;
import dev.hooklane.reliability.ledger.DeliveryLedger.TrackedSubscription;
import dev.hooklane.reliability.ledger.LedgerReport;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fault scenario: tenants and subscriptions made through the API, a receiver that tells the
 * ledger what it accepted, the dead-letter topic read into the ledger, a steady load while a fault
 * runs beside it, then the drain and the reconciliation.
 */
public final class ScenarioRun implements AutoCloseable {

    /** A fault injected while the load runs; it returns once the load is over and every part is back. */
    @FunctionalInterface
    public interface Fault {
        void inject(AtomicBoolean loadRunning) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(ScenarioRun.class);
    private static final List<String> TENANTS = List.of("alpha", "beta");
    private static final String PLATFORM_EVENT_MARK = "\"type\":\"webhook.";

    private final String name;
    private final Pipeline pipeline;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final ScriptableReceiver receiver;
    private final DeadLetterTail deadLetters;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final List<TrackedSubscription> subscriptions = new ArrayList<>();
    private final Set<String> pathsSeen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failedOnPurpose = new AtomicInteger();
    private final List<Instant> faults = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile double failureShare;

    private ScenarioRun(String name, Pipeline pipeline, String bootstrap, String prefix) {
        this.name = name;
        this.pipeline = pipeline;
        this.receiver = ScriptableReceiver.start().withoutRecording().otherwise(this::answer);
        this.deadLetters = new DeadLetterTail(bootstrap, prefix + "dlq", ledger);
    }

    /** Creates the tenants and their subscriptions and waits until events reach every subscription. */
    public static ScenarioRun prepare(String name, Pipeline pipeline, String bootstrap, String prefix) {
        ScenarioRun run = new ScenarioRun(name, pipeline, bootstrap, prefix);
        try {
            run.subscribeAll();
            run.warmUp();
            return run;
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    public DeliveryLedger ledger() {
        return ledger;
    }

    public ScriptableReceiver receiver() {
        return receiver;
    }

    public Map<String, String> keys() {
        return Map.copyOf(keys);
    }

    public List<TrackedSubscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** Share of requests the receiver fails (500, hang or reset), from now on until the end of the run. */
    public void flap(double share) {
        failureShare = share;
    }

    /** Counts one kill, stop or outage, for the report. */
    public void faultInjected() {
        faults.add(Instant.now());
    }

    /** Requests the receiver failed because of {@link #flap}. */
    public int failedOnPurpose() {
        return failedOnPurpose.get();
    }

    private Behaviour answer(ReceivedRequest request) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < failureShare) {
            failedOnPurpose.incrementAndGet();
            return switch (random.nextInt(3)) {
                case 0 -> Behaviour.status(500);
                case 1 -> Behaviour.hang();
                default -> Behaviour.reset();
            };
        }
        // The platform's own events (webhook.delivery.exhausted, ...) reach '*' subscriptions; they were never posted.
        if (!request.bodyText().contains(PLATFORM_EVENT_MARK)) {
            ledger.accepted(request);
        }
        pathsSeen.add(request.path());
        return Behaviour.ok();
    }

    private void subscribeAll() {
        Tenancy tenancy = new Tenancy(pipeline.api().url(""));
        for (String tenant : TENANTS) {
            String key = tenancy.createTenant(tenant);
            keys.put(tenant, key);
            subscriptions.add(tenancy.subscribe(ledger, tenant, key, receiver.url("/" + tenant + "/all"), List.of("*"), List.of()));
            subscriptions.add(tenancy.subscribe(ledger, tenant, key, receiver.url("/" + tenant + "/orders"), List.of("order.*"), List.of()));
            subscriptions.add(tenancy.subscribe(ledger, tenant, key, receiver.url("/" + tenant + "/eu-orders"), List.of("order.created"),
                    List.of(new FilterCondition("data.region", List.of("eu")))));
            subscriptions.add(tenancy.subscribe(ledger, tenant, key, receiver.url("/" + tenant + "/invoices"), List.of("invoice.paid"), List.of()));
        }
    }

    /**
     * Posts warm-up events (allowed, not required) until every subscription got one, so that the
     * load starts only once ingest knows the keys and the router indexed the subscriptions.
     */
    private void warmUp() {
        JsonHttp http = new JsonHttp(Duration.ofSeconds(10));
        AtomicInteger round = new AtomicInteger();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            int r = round.incrementAndGet();
            keys.forEach((tenant, key) -> {
                for (String type : List.of("order.created", "invoice.paid")) {
                    String id = "warmup-" + name + "-" + tenant + "-" + type + "-" + r;
                    ledger.sending(new EventEnvelope(id, URI.create("/warmup"), type, Instant.now(), Optional.empty(), tenant,
                            JsonNodeFactory.instance.objectNode().put("region", "eu"), Optional.empty()));
                    http.post(pipeline.ingest().url("/v1/events"), key,
                            "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"source\":\"/warmup\",\"data\":{\"region\":\"eu\"}}");
                }
            });
            return pathsSeen.size() == subscriptions.size();
        });
    }

    /**
     * Runs the load with {@code fault} beside it, drains, and reconciles.
     *
     * @param scale how many events, how fast
     */
    public LedgerReport drive(Scale scale, Fault fault) {
        Instant started = Instant.now();
        AtomicBoolean loadRunning = new AtomicBoolean(true);
        List<Throwable> faultFailure = new ArrayList<>();
        Thread faulting = Thread.ofPlatform().name("fault-" + name).start(() -> {
            try {
                fault.inject(loadRunning);
            } catch (Throwable e) {
                faultFailure.add(e);
            }
        });
        SteadyLoad load = new SteadyLoad(pipeline.ingest().url(""), keys, ledger, name + "-" + Long.toString(System.nanoTime(), 36));
        load.run(scale.events(), scale.perSecond(), Duration.ofSeconds(90));
        loadRunning.set(false);
        try {
            faulting.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (!faultFailure.isEmpty()) {
            throw new IllegalStateException("the fault could not be injected", faultFailure.get(0));
        }
        // A flapping receiver keeps flapping through the drain: the pipeline trails the load, and most
        // deliveries of a long run happen after the last event was posted.
        drain(scale.drain());
        LedgerReport report = ledger.reconcile();
        Duration took = Duration.between(started, Instant.now());
        log.info("Scenario {} ({} mode) took {}s: {}", name, scale.name(), took.toSeconds(), report.summary());
        logDuplicateLeads();
        ScenarioReportFile.append(name, scale, report, took, faults.size() + failedOnPurpose.get());
        return report;
    }

    /** How long before a fault the first copies of duplicates arrived: the width of the window a crash reopens. */
    private void logDuplicateLeads() {
        List<Long> millis = ledger.duplicateLeads(faults).stream().map(Duration::toMillis).sorted().toList();
        if (millis.isEmpty()) {
            return;
        }
        log.info("Scenario {}: {} duplicates first arrived this long before the next fault: p10={}ms p50={}ms p90={}ms p99={}ms max={}ms",
                name, millis.size(), percentile(millis, 0.10), percentile(millis, 0.50), percentile(millis, 0.90), percentile(millis, 0.99),
                millis.get(millis.size() - 1));
    }

    private static long percentile(List<Long> sorted, double share) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(share * sorted.size())));
    }

    private void drain(Duration patience) {
        try {
            await().atMost(patience).pollInterval(Duration.ofSeconds(1)).until(() -> ledger.outstanding() == 0);
            AtomicInteger last = new AtomicInteger(-1);
            // Late duplicates (a job retried after its success was not recorded) arrive shortly after the rest.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(60))
                    .until(() -> ledger.acceptedCount() == last.getAndSet(ledger.acceptedCount()));
        } catch (ConditionTimeoutException e) {
            log.warn("Scenario {}: {} pairs still open after {}", name, ledger.outstanding(), patience);
        }
    }

    @Override
    public void close() {
        deadLetters.close();
        receiver.close();
    }
}
