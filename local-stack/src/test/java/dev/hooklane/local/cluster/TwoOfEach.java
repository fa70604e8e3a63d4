package dev.hooklane.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.local.LocalStack;
import dev.hooklane.local.Services;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.slf4j.LoggerFactory;

/**
 * Two instances of every service against one broker, as behind a load balancer: two subscription
 * APIs, two ingests, two routers (one application id, a state folder each) and two workers (one
 * group), configured as the local stack configures its one of each ({@link LocalStack#environments})
 * with a short retry schedule. Started once per test JVM, when first used, and only handed out
 * once every router and every worker holds partitions of its own, so that work really is shared;
 * it stops when the JVM exits.
 */
final class TwoOfEach {

    static final String ADMIN_KEY = "admin-key-of-the-two-instance-tests";
    /** Three attempts within about a second, then the dead-letter topic. */
    private static final List<Duration> RETRY_SCHEDULE = List.of(Duration.ofMillis(250), Duration.ofMillis(500));
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static TwoOfEach running;

    /** Two instances of one service. */
    record Pair(PipelineService a, PipelineService b) {
        List<PipelineService> both() {
            return List.of(a, b);
        }

        PipelineService other(PipelineService one) {
            return one == a ? b : a;
        }
    }

    /** A subscription and the API instance that made it. */
    record Made(PipelineService api, Answer answer) {
        String id() {
            return answer.json().get("id").asText();
        }

        String path() {
            return URI.create(answer.json().get("url").asText()).getPath();
        }
    }

    private final JsonHttp http = new JsonHttp().checkedAgainstServedDocuments();
    private final List<PipelineService> started = new ArrayList<>();
    private final KafkaSettings kafka;
    private final ScriptableReceiver receiver;
    private Pair api;
    private Pair ingest;
    private Pair router;
    private Pair worker;
    private String routerGroup;
    private String workerGroup;

    private TwoOfEach() {
        receiver = ScriptableReceiver.start();
        kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("twoofeach"), RETRY_SCHEDULE);
        try {
            Map<String, Map<String, String>> env = LocalStack.environments(
                    new LocalStack.Options(kafka, "127.0.0.1", 0, ADMIN_KEY, Files.createTempDirectory("router-a")));
            // One environment per kind, so that both APIs sign portal tokens with the same key.
            api = pair(Services.API, env.get(Services.API.serviceName()));
            ingest = pair(Services.INGEST, env.get(Services.INGEST.serviceName()));
            Map<String, String> routerB = new HashMap<>(env.get(Services.ROUTER.serviceName()));
            routerB.put("HOOKLANE_ROUTER_STATE_DIR", Files.createTempDirectory("router-b").toString());
            router = new Pair(start("router-a", Services.ROUTER, env.get(Services.ROUTER.serviceName())),
                    start("router-b", Services.ROUTER, routerB));
            worker = pair(Services.WORKER, env.get(Services.WORKER.serviceName()));
            routerGroup = env.get(Services.ROUTER.serviceName()).get("HOOKLANE_ROUTER_APPLICATION_ID");
            workerGroup = env.get(Services.WORKER.serviceName()).get("HOOKLANE_WORKER_GROUP_ID");
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The running pipeline, started on first use. */
    static synchronized TwoOfEach get() {
        if (running == null) {
            TwoOfEach pipeline = new TwoOfEach();
            Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "two-of-each-stop"));
            pipeline.awaitSharedWork();
            running = pipeline;
        }
        return running;
    }

    private Pair pair(Services kind, Map<String, String> environment) {
        return new Pair(start(kind.serviceName() + "-a", kind, environment), start(kind.serviceName() + "-b", kind, environment));
    }

    private PipelineService start(String name, Services kind, Map<String, String> environment) {
        PipelineService service = PipelineService.start(name, kind, environment, Optional.empty());
        started.add(service);
        return service;
    }

    /** Every instance ready, and each router and each worker holding partitions of its own. */
    private void awaitSharedWork() {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(started)
                .allSatisfy(service -> assertThat(http.get(service.url("/ready"), null).status()).as(service.name()).isEqualTo(200)));
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, "two-of-each-check"))) {
            awaitTwoMembersWithPartitions(admin, routerGroup, kafka.catalog().events().name());
            awaitTwoMembersWithPartitions(admin, workerGroup, kafka.catalog().deliveries().name());
        }
    }

    private static void awaitTwoMembersWithPartitions(Admin admin, String group, String topic) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
            assertThat(description.members()).as("members of " + group).hasSize(2).allSatisfy((MemberDescription member) -> assertThat(
                    member.assignment().topicPartitions()).as("partitions of " + topic + " held by a member of " + group)
                    .anyMatch(partition -> partition.topic().equals(topic)));
        });
    }

    Pair api() {
        return api;
    }

    Pair ingest() {
        return ingest;
    }

    ScriptableReceiver receiver() {
        return receiver;
    }

    JsonHttp http() {
        return http;
    }

    /** Stops {@code service} and starts it again on its port, as a rolling restart does, and waits until it is ready. */
    void restart(PipelineService service) {
        service.stop();
        service.start();
        await().atMost(PATIENCE).until(() -> http.get(service.url("/ready"), null).status() == 200);
    }

    /** Creates a tenant at API A and returns its key once both APIs and both ingests know it. */
    String tenant(String id) {
        Answer created = http.post(api.a().url("/v1/admin/tenants"), ADMIN_KEY, "{\"id\":\"" + id + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.json().at("/apiKey/key").asText();
        awaitKnownEverywhere(key);
        return key;
    }

    /** Waits until both APIs and both ingests accept {@code key} (views of the keys topic lag a little). */
    void awaitKnownEverywhere(String key) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (PipelineService instance : api.both()) {
                assertThat(http.get(instance.url("/v1/subscriptions?limit=1"), key).status()).as(instance.name()).isEqualTo(200);
            }
            for (PipelineService instance : ingest.both()) {
                // An empty batch is refused after the key is checked: anything but 401 means the key is known.
                assertThat(http.post(instance.url("/v1/events"), key, "[]").status()).as(instance.name()).isNotEqualTo(401);
            }
        });
    }

    /**
     * Creates subscriptions from {@code body(n)}, alternately at API A and API B, until two of them
     * have their jobs in deliveries partitions held by different workers; deletes the others and
     * answers the two creations. A subscription's jobs are keyed by its id, so only subscriptions
     * placed so make both workers deliver.
     */
    List<Made> onBothWorkers(String key, IntFunction<String> body) {
        Map<Integer, String> holders = deliveriesPartitionHolders();
        List<Made> chosen = new ArrayList<>();
        for (int n = 0; chosen.size() < 2; n++) {
            assertThat(n).as("subscriptions made to find one per worker").isLessThan(20);
            PipelineService at = n % 2 == 0 ? api.a() : api.b();
            Answer created = http.post(at.url("/v1/subscriptions"), key, body.apply(n));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Made made = new Made(at, created);
            if (chosen.isEmpty() || !holders.get(deliveriesPartition(chosen.get(0).id())).equals(holders.get(deliveriesPartition(made.id())))) {
                chosen.add(made);
            } else {
                assertThat(http.delete(at.url("/v1/subscriptions/" + made.id()), key).status()).isEqualTo(204);
            }
        }
        return chosen;
    }

    private int deliveriesPartition(String subscriptionId) {
        return BuiltInPartitioner.partitionForKey(subscriptionId.getBytes(StandardCharsets.UTF_8), kafka.partitions());
    }

    /** Deliveries partition to the id of the worker group's member that holds it. */
    private Map<Integer, String> deliveriesPartitionHolders() {
        String topic = kafka.catalog().deliveries().name();
        try (Admin admin = Admin.create(KafkaClients.admin(kafka, "two-of-each-placement"))) {
            Map<Integer, String> holders = new HashMap<>();
            for (MemberDescription member : admin.describeConsumerGroups(List.of(workerGroup)).describedGroups().get(workerGroup).get().members()) {
                member.assignment().topicPartitions().stream().filter(partition -> partition.topic().equals(topic))
                        .forEach(partition -> holders.put(partition.partition(), member.consumerId()));
            }
            return holders;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + workerGroup, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Posts one event (or a JSON array of events) to {@code ingest} and expects 202. */
    void post(PipelineService ingestInstance, String key, String events) {
        Answer posted = http.post(ingestInstance.url("/v1/events"), key, events);
        assertThat(posted.status()).as(ingestInstance.name() + ": " + posted).isEqualTo(202);
    }

    /** Waits until {@code url} answers {@code status} to {@code key}: the instance's view caught up with a write made at the other. */
    Answer awaitStatus(String url, String key, int status) {
        await().atMost(PATIENCE).until(() -> http.get(url, key).status() == status);
        return http.get(url, key);
    }

    /** Waits for {@code count} requests on {@code path} and returns them in arrival order. */
    List<ReceivedRequest> awaitRequests(String path, int count) {
        await().atMost(PATIENCE).until(() -> receiver.requests(path).size() >= count);
        return receiver.requests(path);
    }

    private void close() {
        List<PipelineService> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (PipelineService service : reversed) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(TwoOfEach.class).warn("{} did not stop cleanly", service.name(), e);
            }
        }
        receiver.close();
    }
}
