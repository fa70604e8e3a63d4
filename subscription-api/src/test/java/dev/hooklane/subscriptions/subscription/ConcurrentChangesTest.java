package dev.hooklane.subscriptions.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.subscription.DisableRequest;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.subscriptions.testing.TestApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two API instances on the same topics change the same subscriptions: every change applies to the
 * current version, If-Match guards against stale ones on either instance, and the worker's
 * disable requests never undo what the tenant changed meanwhile.
 */
@Tag("kafka")
class ConcurrentChangesTest {

    private static KafkaSettings kafka;
    private static SubscriptionApi first;
    private static SubscriptionApi second;
    private static JsonHttp one;
    private static JsonHttp two;
    private static String key;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        kafka = TestApi.kafka("cas");
        first = TestApi.start(TestApi.config(kafka));
        second = TestApi.start(TestApi.config(kafka));
        one = TestApi.client(first.port());
        two = TestApi.client(second.port());
        key = TestApi.tenant(one, "acme");
        producer = new KafkaProducer<>(KafkaClients.producer(kafka, "test-worker", Map.of()), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        first.close();
        second.close();
    }

    private static String create(String name) {
        Answer created = one.post("/v1/subscriptions", key, "{\"url\":\"https://hooks.example/" + name + "\",\"eventTypes\":[\"*\"],\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static Answer withIfMatch(JsonHttp client, String method, String path, String body, String etag) {
        return client.send(method, path, key, body, Map.of("If-Match", etag));
    }

    /** What the worker sends when an endpoint answers 410: about the URL and version it saw. */
    private static void requestDisable(String id, String url, long seenVersion) {
        Topic<String, DisableRequest> topic = kafka.catalog().disableRequests();
        DisableRequest request = DisableRequest.of(id, "acme", url, seenVersion, "the endpoint answered 410 Gone", Instant.now());
        try {
            producer.send(new ProducerRecord<>(topic.name(), id, topic.valueSerde().serializer().serialize(topic.name(), request))).get();
        } catch (Exception e) {
            throw new AssertionError("could not send the disable request", e);
        }
    }

    @Test
    void shouldRefuseAStaleIfMatchWith412OnTheOtherInstanceAndChangeNothing() {
        String id = create("stale");
        String path = "/v1/subscriptions/" + id;
        Answer read = one.get(path, key);
        assertThat(read.header("ETag")).contains("\"1\"");

        Answer patched = withIfMatch(two, "PATCH", path, "{\"name\":\"from-two\"}", "\"1\"");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.header("ETag")).contains("\"2\"");

        Answer stale = withIfMatch(one, "PATCH", path, "{\"name\":\"from-one\"}", "\"1\"");
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(stale.json().get("detail").asText()).contains("\"2\"");
        assertThat(withIfMatch(one, "POST", path + "/secret/rotate", "{}", "\"1\"").status()).isEqualTo(412);
        assertThat(withIfMatch(one, "DELETE", path, null, "\"1\"").status()).isEqualTo(412);
        assertThat(withIfMatch(one, "PATCH", path, "{\"name\":\"weak\"}", "W/\"2\"").status()).isEqualTo(412);
        assertThat(withIfMatch(one, "PATCH", path, "{\"name\":\"bad\"}", "2").status()).isEqualTo(400);

        Answer now = two.get(path, key);
        assertThat(now.json().get("name").asText()).isEqualTo("from-two");
        assertThat(now.header("ETag")).contains("\"2\"");
        assertThat(withIfMatch(one, "DELETE", path, null, "\"2\"").status()).isEqualTo(204);
        assertThat(two.get(path, key).status()).isEqualTo(404);
    }

    @Test
    void shouldApplyEveryChangeWithoutIfMatchToTheCurrentVersionAcrossInstances() throws Exception {
        String id = create("parallel");
        String path = "/v1/subscriptions/" + id;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Answer>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                JsonHttp client = i % 2 == 0 ? one : two;
                String body = "{\"metadata\":{\"k" + i + "\":\"v" + i + "\"}}";
                replies.add(pool.submit(() -> client.patch(path, key, body)));
            }
            for (Future<Answer> reply : replies) {
                assertThat(reply.get().status()).as(reply.get().toString()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        Answer now = one.get(path, key);
        // A merge patch applied to a stale copy would drop the keys the other instance wrote meanwhile.
        assertThat(now.json().get("metadata").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 6).mapToObj(i -> "k" + i).toList());
        assertThat(now.header("ETag")).contains("\"7\"");
    }

    @Test
    void shouldKeepASecretRotatedWhileTheWorkerDisablesTheSubscription() {
        String id = create("rotated");
        String path = "/v1/subscriptions/" + id;
        String url = one.get(path, key).json().get("url").asText();

        Answer rotated = two.post(path + "/secret/rotate", key, "{\"overlapSeconds\":3600}");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String secret = rotated.json().get("secret").asText();
        // The worker decided on the version before the rotation.
        requestDisable(id, url, 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> !one.get(path, key).json().get("enabled").asBoolean());
        JsonNode disabled = one.get(path, key).json();
        assertThat(disabled.get("disabledReason").asText()).contains("410");
        assertThat(one.get(path + "/secret", key).json().get("secret").asText()).isEqualTo(secret);
        assertThat(two.get(path + "/secret", key).json().get("previousSecretsExpireAt")).hasSize(1);
        assertThat(one.get(path, key).header("ETag")).contains("\"3\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> events().stream()
                .anyMatch(event -> event.contains("webhook.subscription.disabled") && event.contains(id)));
    }

    @Test
    void shouldIgnoreADisableRequestAboutAUrlTheSubscriptionNoLongerHas() {
        String id = create("moved");
        String path = "/v1/subscriptions/" + id;
        String oldUrl = one.get(path, key).json().get("url").asText();
        assertThat(two.patch(path, key, "{\"url\":\"https://hooks.example/moved-here\"}").status()).isEqualTo(200);
        double ignoredBefore = ignored();

        requestDisable(id, oldUrl, 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> ignored() > ignoredBefore);
        Answer now = one.get(path, key);
        assertThat(now.json().get("enabled").asBoolean()).isTrue();
        assertThat(now.header("ETag")).contains("\"2\"");
    }

    /** Disable requests ignored, over both instances (one of them applies each request). */
    private static double ignored() {
        return ignored(one) + ignored(two);
    }

    private static double ignored(JsonHttp client) {
        return client.get("/metrics", null).body().lines()
                .filter(line -> line.startsWith("webhook_api_disable_requests_total{") && line.contains("outcome=\"ignored\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static List<String> events() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, "test-events", null, Map.of()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            String topic = kafka.catalog().events().name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> events.add(new String(record.value(), StandardCharsets.UTF_8)));
            }
        }
        return events;
    }
}
