package dev.hooklane.subscriptions.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.subscriptions.testing.TestApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code /v1/subscriptions} over HTTP against a real broker: the model, its rules, auth and tenant isolation. */
@Tag("kafka")
class SubscriptionRoutesTest {

    private static KafkaSettings kafka;
    private static SubscriptionApi api;
    private static JsonHttp http;
    private static String acme;
    private static String globex;

    @BeforeAll
    static void start() {
        kafka = TestApi.kafka("subroutes");
        api = TestApi.start(TestApi.config(kafka));
        http = TestApi.client(api.port());
        acme = TestApi.tenant(http, "acme");
        globex = TestApi.tenant(http, "globex");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String create(String key, String body) {
        Answer created = http.post("/v1/subscriptions", key, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static List<String> ids(Answer list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().get("data").findValuesAsText("id");
    }

    @Test
    void shouldCreateAndReturnTheSecretOnceWhenCreated() {
        Answer created = http.post("/v1/subscriptions", acme,
                "{\"url\":\"https://hooks.example/in?our-reference=1232323\",\"eventTypes\":[\"reportCreated\",\"report.*\"],"
                        + "\"format\":\"event-payload\",\"name\":\"warehouse\",\"metadata\":{\"team\":\"ops\"}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.get("secret").asText()).startsWith("whsec_");
        assertThat(body.get("url").asText()).isEqualTo("https://hooks.example/in?our-reference=1232323");
        assertThat(body.get("format").asText()).isEqualTo("event-payload");
        assertThat(body.get("enabled").asBoolean()).isTrue();

        Answer read = http.get("/v1/subscriptions/" + body.get("id").asText(), acme);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("secret")).isFalse();
        assertThat(read.json().at("/metadata/team").asText()).isEqualTo("ops");
    }

    @Test
    void shouldRefuseRequestsWithoutAValidKey() {
        assertThat(http.get("/v1/subscriptions", null).status()).isEqualTo(401);
        assertThat(http.get("/v1/subscriptions", "hk_not-a-key").status()).isEqualTo(401);
        Answer basic = http.send("GET", "/v1/subscriptions", null, null, Map.of("Authorization", "Basic YTpi"));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.header("content-type")).get().asString().startsWith("application/problem+json");
        assertThat(http.post("/v1/subscriptions", null, "{\"url\":\"https://hooks.example/\",\"eventTypes\":[\"*\"]}").status()).isEqualTo(401);
        assertThat(http.get("/v1/subscriptions", TestApi.ADMIN_KEY).status()).isEqualTo(403);
    }

    @Test
    void shouldAcceptTheSubscriptionKeyHeaderAsAnAlias() {
        Answer list = http.send("GET", "/v1/subscriptions", null, null, Map.of("Ocp-Apim-Subscription-Key", acme));
        assertThat(list.status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseARevokedKeyWithinSeconds() {
        Answer issued = http.post("/v1/admin/tenants/acme/keys", TestApi.ADMIN_KEY, "{\"name\":\"short-lived\"}");
        assertThat(issued.status()).isEqualTo(201);
        String key = issued.json().get("key").asText();
        assertThat(http.get("/v1/subscriptions", key).status()).isEqualTo(200);
        assertThat(http.delete("/v1/admin/tenants/acme/keys/" + issued.json().get("id").asText(), TestApi.ADMIN_KEY).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/v1/subscriptions", key).status() == 401);
    }

    @Test
    void shouldAnswerNotFoundForAnotherTenantsSubscription() {
        String id = create(acme, "{\"url\":\"https://hooks.example/acme\",\"eventTypes\":[\"reportCreated\"]}");
        assertThat(http.get("/v1/subscriptions/" + id, globex).status()).isEqualTo(404);
        assertThat(http.patch("/v1/subscriptions/" + id, globex, "{\"name\":\"stolen\"}").status()).isEqualTo(404);
        assertThat(http.delete("/v1/subscriptions/" + id, globex).status()).isEqualTo(404);
        assertThat(http.get("/v1/subscriptions/" + id + "/secret", globex).status()).isEqualTo(404);
        assertThat(http.post("/v1/subscriptions/" + id + "/secret/rotate", globex, "{}").status()).isEqualTo(404);
        assertThat(http.post("/v1/subscriptions/" + id + "/test", globex, "{\"eventType\":\"reportCreated\"}").status()).isEqualTo(404);
        assertThat(ids(http.get("/v1/subscriptions", globex))).doesNotContain(id);
        Answer mine = http.get("/v1/subscriptions/" + id, acme);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().has("name")).isFalse();
    }

    @Test
    void shouldPageWithACursorAndFilterByEventTypeAndState() {
        String key = TestApi.tenant(http, "pager");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(key, "{\"url\":\"https://hooks.example/" + i + "\",\"eventTypes\":[\"" + (i % 2 == 0 ? "report.*" : "NewDeal") + "\"]}"));
        }
        assertThat(http.patch("/v1/subscriptions/" + created.get(0), key, "{\"enabled\":false,\"disabledReason\":\"maintenance\"}").status())
                .isEqualTo(200);

        Answer first = http.get("/v1/subscriptions?limit=2", key);
        Answer second = http.get("/v1/subscriptions?limit=2&after=" + first.json().get("nextCursor").asText(), key);
        Answer third = http.get("/v1/subscriptions?limit=2&after=" + second.json().get("nextCursor").asText(), key);
        List<String> paged = new ArrayList<>(ids(first));
        paged.addAll(ids(second));
        paged.addAll(ids(third));
        assertThat(paged).containsExactlyElementsOf(created.stream().sorted().toList());
        assertThat(third.json().has("nextCursor")).isFalse();

        assertThat(ids(http.get("/v1/subscriptions?eventType=report.created", key)))
                .containsExactlyInAnyOrder(created.get(0), created.get(2), created.get(4));
        assertThat(ids(http.get("/v1/subscriptions?eventType=NewDeal&state=enabled", key)))
                .containsExactlyInAnyOrder(created.get(1), created.get(3));
        assertThat(ids(http.get("/v1/subscriptions?state=disabled", key))).containsExactly(created.get(0));
        assertThat(http.get("/v1/subscriptions?state=sleeping&limit=0&eventType=bad%20type", key).errorFields())
                .containsExactlyInAnyOrder("state", "limit", "eventType");
    }

    @Test
    void shouldMergeAPatchAndKeepWhatItDoesNotName() {
        String id = create(acme, "{\"url\":\"https://hooks.example/p\",\"eventTypes\":[\"reportCreated\"],\"name\":\"before\","
                + "\"headers\":{\"X-Team\":\"ops\"},\"timeoutSeconds\":10,\"metadata\":{\"a\":\"1\",\"b\":\"2\"}}");
        Answer patched = http.patch("/v1/subscriptions/" + id, acme,
                "{\"name\":\"after\",\"timeoutSeconds\":null,\"metadata\":{\"b\":null,\"c\":\"3\"},\"enabled\":false,\"disabledReason\":\"paused\"}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode body = patched.json();
        assertThat(body.get("name").asText()).isEqualTo("after");
        assertThat(body.has("timeoutSeconds")).isFalse();
        assertThat(body.get("metadata")).hasSize(2);
        assertThat(body.at("/metadata/c").asText()).isEqualTo("3");
        assertThat(body.at("/headers/X-Team").asText()).isEqualTo("ops");
        assertThat(body.get("url").asText()).isEqualTo("https://hooks.example/p");
        assertThat(body.get("enabled").asBoolean()).isFalse();
        assertThat(body.get("disabledReason").asText()).isEqualTo("paused");

        Answer enabled = http.patch("/v1/subscriptions/" + id, acme, "{\"enabled\":true,\"disabledReason\":null}");
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(enabled.json().has("disabledReason")).isFalse();
    }

    @Test
    void shouldChangeNothingWhenAPatchBreaksARule() {
        String id = create(acme, "{\"url\":\"https://hooks.example/keep\",\"eventTypes\":[\"reportCreated\"],\"name\":\"kept\"}");
        String before = http.get("/v1/subscriptions/" + id, acme).body();
        Answer refused = http.patch("/v1/subscriptions/" + id, acme,
                "{\"name\":\"changed\",\"url\":\"http://hooks.example/plain\",\"eventTypes\":[],\"secret\":\"whsec_x\",\"colour\":\"red\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactly("colour");
        Answer invalid = http.patch("/v1/subscriptions/" + id, acme, "{\"name\":\"changed\",\"url\":\"http://hooks.example/plain\",\"eventTypes\":[]}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorFields()).containsExactlyInAnyOrder("url", "eventTypes");
        Answer secret = http.patch("/v1/subscriptions/" + id, acme, "{\"secret\":\"" + WebhookSecret.generate().encoded() + "\"}");
        assertThat(secret.errorFields()).containsExactly("secret");
        assertThat(http.get("/v1/subscriptions/" + id, acme).body()).isEqualTo(before);
    }

    @Test
    void shouldRefuseUrlsThatResolveToLocalAddressesAndChangeNothing() {
        String key = TestApi.tenant(http, "ssrf");
        for (String url : List.of("https://127.0.0.1/x", "https://localhost/x", "https://10.1.2.3/x", "https://192.168.0.10/x",
                "https://169.254.169.254/latest/meta-data", "https://[::1]/x", "https://[fd12:3456::1]/x", "https://0.0.0.0/x")) {
            Answer refused = http.post("/v1/subscriptions", key, "{\"url\":\"" + url + "\",\"eventTypes\":[\"*\"]}");
            assertThat(refused.status()).as(url).isEqualTo(422);
            assertThat(refused.errorFields()).as(url).containsExactly("url");
            assertThat(refused.json().at("/errors/0/message").asText()).as(url).contains("not an allowed webhook target");
        }
        assertThat(ids(http.get("/v1/subscriptions", key))).isEmpty();
    }

    @Test
    void shouldRefuseUnknownFieldsAndBadBodies() {
        Answer unknown = http.post("/v1/subscriptions", acme, "{\"url\":\"https://hooks.example/\",\"eventTypes\":[\"*\"],\"evenTypes\":[\"x\"]}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorFields()).containsExactly("evenTypes");
        assertThat(http.post("/v1/subscriptions", acme, "{not json").status()).isEqualTo(400);
        assertThat(http.send("POST", "/v1/subscriptions", acme, null, Map.of("Content-Type", "text/plain")).status()).isEqualTo(415);
        Answer wrongType = http.post("/v1/subscriptions", acme, "{\"url\":\"https://hooks.example/\",\"eventTypes\":\"reportCreated\"}");
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.errorFields()).containsExactly("eventTypes");
    }

    @Test
    void shouldReadTheSecretOnRequestAndKeepThePreviousOneSigningAfterARotation() {
        Answer created = http.post("/v1/subscriptions", acme, "{\"url\":\"https://hooks.example/rotate\",\"eventTypes\":[\"*\"]}");
        String id = created.json().get("id").asText();
        String first = created.json().get("secret").asText();
        Answer read = http.get("/v1/subscriptions/" + id + "/secret", acme);
        assertThat(read.json().get("secret").asText()).isEqualTo(first);
        assertThat(read.header("cache-control")).contains("no-store");

        Answer rotated = http.post("/v1/subscriptions/" + id + "/secret/rotate", acme, "{\"overlapSeconds\":3600}");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String second = rotated.json().get("secret").asText();
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThat(rotated.json().get("previousSecretsExpireAt")).hasSize(1);
        assertThat(http.get("/v1/subscriptions/" + id + "/secret", acme).json().get("secret").asText()).isEqualTo(second);

        String chosen = WebhookSecret.generate().encoded();
        Answer immediate = http.post("/v1/subscriptions/" + id + "/secret/rotate", acme, "{\"secret\":\"" + chosen + "\",\"overlapSeconds\":0}");
        assertThat(immediate.json().get("secret").asText()).isEqualTo(chosen);
        assertThat(immediate.json().has("previousSecretsExpireAt")).isFalse();

        Answer bad = http.post("/v1/subscriptions/" + id + "/secret/rotate", acme, "{\"secret\":\"short\",\"overlapSeconds\":-1}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(http.get("/v1/subscriptions/" + id + "/secret", acme).json().get("secret").asText()).isEqualTo(chosen);
    }

    @Test
    void shouldSendATestEventToTheDeliveriesTopicRenderedInTheSubscriptionsFormat() {
        String id = create(acme, "{\"url\":\"https://hooks.example/test\",\"eventTypes\":[\"report.*\",\"reportCreated\"],\"format\":\"event-payload\"}");
        Answer sent = http.post("/v1/subscriptions/" + id + "/test", acme, "{\"eventType\":\"reportCreated\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        String messageId = sent.json().get("messageId").asText();

        DeliveryJob job = awaitJob(messageId);
        assertThat(job.subscriptionId()).contains(id);
        assertThat(job.tenant()).isEqualTo("acme");
        assertThat(job.bodyText()).startsWith("{\"event\":\"reportCreated\",\"payload\":{\"type\":\"Report\",\"id\":\"b0e7e28f-5b91-4c73-875e-8f34aa03553a\"");

        Answer custom = http.post("/v1/subscriptions/" + id + "/test", acme, "{\"eventType\":\"report.closed\",\"data\":{\"id\":\"r-9\"}}");
        assertThat(awaitJob(custom.json().get("messageId").asText()).bodyText()).isEqualTo("{\"event\":\"report.closed\",\"payload\":{\"id\":\"r-9\"}}");

        assertThat(http.post("/v1/subscriptions/" + id + "/test", acme, "{\"eventType\":\"NewDeal\"}").errorFields()).containsExactly("eventType");
        assertThat(http.post("/v1/subscriptions/" + id + "/test", acme, "{\"eventType\":\"report.unknown\"}").errorFields()).containsExactly("data");
        http.patch("/v1/subscriptions/" + id, acme, "{\"enabled\":false}");
        assertThat(http.post("/v1/subscriptions/" + id + "/test", acme, "{\"eventType\":\"reportCreated\"}").status()).isEqualTo(409);
    }

    private static DeliveryJob awaitJob(String jobId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<DeliveryJob> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(kafka.catalog().deliveries().name()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    DeliveryJob job = JobCodec.decode(record.value());
                    if (job.jobId().equals(jobId)) {
                        found.add(job);
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }
}
