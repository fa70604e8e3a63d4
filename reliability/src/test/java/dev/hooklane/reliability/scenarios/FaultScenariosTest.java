package dev.hooklane.reliability.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.reliability.harness.Pipeline;
import dev.hooklane.reliability.harness.Pipeline.Placement;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.local.Services;
import dev.hooklane.reliability.harness.Scale;
import dev.hooklane.reliability.harness.ScenarioRun;
import dev.hooklane.reliability.ledger.LedgerReport;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.kafka.EmbeddedKafkaCluster;
import dev.hooklane.testkit.kafka.KafkaBroker;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The promise under faults: every event reaches every matching subscriber, or lands in the DLQ
 * with a reason. Each scenario runs a steady load through the whole pipeline while one part fails,
 * then the ledger reconciles what had to arrive with what did. {@link Scale} sets the size: short
 * here, long with {@code bin/reliability}.
 */
@Tag("kafka")
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
class FaultScenariosTest {

    private static final Scale SCALE = Scale.current();
    private static final double MAX_DUPLICATE_RATIO = 0.005;
    /**
     * With workers SIGKILLed every 3 s, each kill repeats the jobs whose request reached the
     * receiver but whose attempt record was not yet acknowledged: 0.7 % to 1.2 % in the long run
     * (one kill per 2,200 deliveries), more in the short run, which kills once per 850
     * (docs/reliability.md). This bound catches a regression.
     */
    private static final double MAX_DUPLICATE_RATIO_UNDER_WORKER_KILLS = 0.05;

    private static void assertPromiseKept(LedgerReport report) {
        assertPromiseKept(report, MAX_DUPLICATE_RATIO);
    }

    private static void assertPromiseKept(LedgerReport report, double maxDuplicateRatio) {
        assertThat(report.lost()).as(report.summary()).isZero();
        assertThat(report.unexpected()).as(report.summary()).isZero();
        assertThat(report.badSignatures()).as(report.summary()).isZero();
        assertThat(report.deadLetteredWithoutReason()).as(report.summary()).isZero();
        assertThat(report.duplicateRatio()).as(report.summary()).isLessThanOrEqualTo(maxDuplicateRatio);
        assertThat(report.delivered() + report.deadLettered()).as(report.summary()).isEqualTo(report.requiredPairs()).isPositive();
    }

    private static Duration loadFraction(double share) {
        return Duration.ofMillis((long) (SCALE.loadDuration().toMillis() * share));
    }

    /** Times a fault within the load: it waits for a moment of the load, not for a condition, and ends early with the load. */
    private static void pause(Duration duration, AtomicBoolean loadRunning) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until && loadRunning.get()) {
            Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    @Test
    void shouldKeepThePromiseWhenDeliveryWorkersAreKilledEveryFewSeconds() throws Exception {
        String prefix = SharedKafka.uniquePrefix("workerkill");
        String bootstrap = SharedKafka.cluster().bootstrapServers();
        try (Pipeline pipeline = Pipeline.start(bootstrap, prefix, Placement.ownJvm(Services.WORKER).withWorkers(2), Map.of());
             ScenarioRun run = ScenarioRun.prepare("worker-sigkill", pipeline, bootstrap, prefix)) {
            java.util.concurrent.atomic.AtomicInteger kills = new java.util.concurrent.atomic.AtomicInteger();
            LedgerReport report = run.drive(SCALE, loadRunning -> {
                List<PipelineService> workers = pipeline.workers();
                while (loadRunning.get()) {
                    pause(Duration.ofSeconds(3), loadRunning);
                    workers.get(ThreadLocalRandom.current().nextInt(workers.size())).killAndRelaunch();
                    kills.incrementAndGet();
                    run.faultInjected();
                }
                workers.forEach(PipelineService::awaitHealthy);
            });
            assertPromiseKept(report, MAX_DUPLICATE_RATIO_UNDER_WORKER_KILLS);
            assertThat(kills).as("workers killed during the load").hasValueGreaterThan(1);
        }
    }

    @Test
    void shouldKeepThePromiseWhenTheRouterIsKilledMidStream() throws Exception {
        String prefix = SharedKafka.uniquePrefix("routerkill");
        String bootstrap = SharedKafka.cluster().bootstrapServers();
        try (Pipeline pipeline = Pipeline.start(bootstrap, prefix, Placement.ownJvm(Services.ROUTER), Map.of());
             ScenarioRun run = ScenarioRun.prepare("router-sigkill", pipeline, bootstrap, prefix)) {
            LedgerReport report = run.drive(SCALE, loadRunning -> {
                pause(loadFraction(0.3), loadRunning);
                pipeline.router().kill();
                run.faultInjected();
                pipeline.router().start();
                pause(loadFraction(0.3), loadRunning);
                pipeline.router().kill();
                run.faultInjected();
                pipeline.router().start();
            });
            assertPromiseKept(report);
        }
    }

    @Test
    void shouldKeepThePromiseWhenOneOfThreeBrokersStopsAndComesBack() throws Exception {
        String prefix = "threebrokers.";
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.startWithSeparateController(3);
             Pipeline pipeline = Pipeline.start(cluster.bootstrapServers(), prefix, Placement.allInThisJvm(),
                     Map.of("HOOKLANE_TOPIC_REPLICATION", "3"));
             ScenarioRun run = ScenarioRun.prepare("broker-down-of-3", pipeline, cluster.bootstrapServers(), prefix)) {
            int victim = cluster.brokerIds().stream().max(Integer::compare).orElseThrow();
            LedgerReport report = run.drive(SCALE, loadRunning -> {
                pause(loadFraction(0.3), loadRunning);
                cluster.stopBroker(victim);
                run.faultInjected();
                pause(loadFraction(0.4), loadRunning);
                cluster.startBroker(victim);
            });
            assertPromiseKept(report);
        }
    }

    @Test
    void shouldKeepThePromiseWhenTheReceiverFlaps() throws Exception {
        String prefix = SharedKafka.uniquePrefix("flapping");
        String bootstrap = SharedKafka.cluster().bootstrapServers();
        // The fault under test is flapping, not a lack of capacity. A tenth of the requests held for the 5 s timeout
        // keeps (requests/s x 0.1 x 5 s) requests open: about 50 per subscription in long mode, more than the default
        // concurrency of 20, so each subscription gets 100. Every subscriber is the same host here: the pool is sized
        // for all of them, as separate pools would be for subscribers on separate hosts.
        try (Pipeline pipeline = Pipeline.start(bootstrap, prefix, Placement.allInThisJvm(), Map.of(
                "HOOKLANE_WORKER_ENDPOINT_CONCURRENCY", "100", "HOOKLANE_WORKER_MAX_CONNECTIONS_PER_HOST", "1000"));
             ScenarioRun run = ScenarioRun.prepare("receiver-flapping-30pct", pipeline, bootstrap, prefix)) {
            run.flap(0.3);
            LedgerReport report = run.drive(SCALE, loadRunning -> { });
            assertPromiseKept(report);
            assertThat(run.failedOnPurpose()).as("requests answered 500, hung or reset").isGreaterThan(report.requiredPairs() / 10);
        }
    }

    @Test
    void shouldKeepThePromiseWhenTheSubscriptionApiRestartsWhileSubscriptionsChange() throws Exception {
        String prefix = SharedKafka.uniquePrefix("apirestart");
        String bootstrap = SharedKafka.cluster().bootstrapServers();
        try (Pipeline pipeline = Pipeline.start(bootstrap, prefix, Placement.ownJvm(Services.API), Map.of());
             ScenarioRun run = ScenarioRun.prepare("api-restart-with-churn", pipeline, bootstrap, prefix)) {
            SubscriptionChurn churn = new SubscriptionChurn(pipeline.api().url(""), run);
            LedgerReport report = run.drive(SCALE, loadRunning -> {
                Thread churner = Thread.ofVirtual().start(() -> churn.run(loadRunning));
                pause(loadFraction(0.3), loadRunning);
                pipeline.api().kill();
                run.faultInjected();
                pipeline.api().start();
                pause(loadFraction(0.3), loadRunning);
                pipeline.api().kill();
                run.faultInjected();
                pipeline.api().start();
                churner.join();
            });
            assertPromiseKept(report);
            assertThat(churn.confirmedChanges()).as("subscriptions created and deleted during the run").isPositive();
            churn.assertApiAgreesWithWhatItConfirmed();
        }
    }

    @Test
    void shouldDeliverEveryAcknowledgedEventWhenTheBrokerIsAwayForThirtySeconds() throws Exception {
        Path dataDir = Files.createTempDirectory("outage-broker");
        int port = freePortPair();
        String prefix = "outage.";
        KafkaBroker[] broker = {KafkaBroker.start(dataDir, port)};
        try (Pipeline pipeline = Pipeline.start(broker[0].bootstrapServers(), prefix, Placement.allInThisJvm(),
                Map.of("HOOKLANE_TOPIC_REPLICATION", "1"));
             ScenarioRun run = ScenarioRun.prepare("broker-away-30s", pipeline, broker[0].bootstrapServers(), prefix)) {
            LedgerReport report = run.drive(SCALE, loadRunning -> {
                pause(loadFraction(0.3), loadRunning);
                broker[0].close();
                run.faultInjected();
                Thread.sleep(SCALE.brokerOutage()); // the outage itself: the broker stays away this long
                broker[0] = KafkaBroker.start(dataDir, port);
            });
            assertPromiseKept(report);
            assertThat(report.eventsAcknowledged()).as("events acknowledged around the outage").isPositive();
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.services().stream()
                    .allMatch(s -> new JsonHttp().get(s.url("/ready"), null).status() == 200));
        } finally {
            broker[0].close();
        }
    }

    /** A port p with p + 1 free as well: the standalone broker's controller listens on the next port. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two adjacent free ports found");
    }
}
