package dev.hooklane.subscriptions.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.subscriptions.testing.TestApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two API instances on the same topics, and a third started later: idempotency keys, reads and
 * revocations hold across instances and restarts.
 */
@Tag("kafka")
class IdempotencyAndRestartTest {

    private static KafkaSettings kafka;
    private static SubscriptionApi first;
    private static SubscriptionApi second;
    private static JsonHttp one;
    private static JsonHttp two;
    private static String key;

    @BeforeAll
    static void start() {
        kafka = TestApi.kafka("idem");
        first = TestApi.start(TestApi.config(kafka));
        second = TestApi.start(TestApi.config(kafka));
        one = TestApi.client(first.port());
        two = TestApi.client(second.port());
        key = TestApi.tenant(one, "acme");
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
    }

    private static Answer postWithKey(JsonHttp client, String idempotencyKey, String body) {
        return client.send("POST", "/v1/subscriptions", key, body, Map.of(Idempotency.HEADER, idempotencyKey));
    }

    private static int count(JsonHttp client, String name) {
        return (int) client.get("/v1/subscriptions", key).json().get("data").findValuesAsText("name").stream().filter(name::equals).count();
    }

    @Test
    void shouldReturnTheFirstAnswerForTheSameKeyAndBodyOnEveryInstance() {
        String body = "{\"url\":\"https://hooks.example/idem\",\"eventTypes\":[\"*\"],\"name\":\"idem-1\"}";
        Answer created = postWithKey(one, "create-1", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header(Idempotency.REPLAYED_HEADER)).isEmpty();

        Answer again = postWithKey(one, "create-1", body);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(created.body());
        assertThat(again.header(Idempotency.REPLAYED_HEADER)).contains("true");

        await().atMost(Duration.ofSeconds(10)).until(() -> postWithKey(two, "create-1", body).body().equals(created.body()));
        assertThat(count(one, "idem-1")).isEqualTo(1);
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherBodyAndChangeNothing() {
        Answer created = postWithKey(one, "create-2", "{\"url\":\"https://hooks.example/a\",\"eventTypes\":[\"*\"],\"name\":\"idem-2\"}");
        assertThat(created.status()).isEqualTo(201);
        Answer other = postWithKey(one, "create-2", "{\"url\":\"https://hooks.example/b\",\"eventTypes\":[\"*\"],\"name\":\"idem-2\"}");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.errorFields()).containsExactly(Idempotency.HEADER);
        Answer otherRoute = one.send("POST", "/v1/event-types", key, "{\"name\":\"idem.other\"}", Map.of(Idempotency.HEADER, "create-2"));
        assertThat(otherRoute.status()).isEqualTo(422);
        assertThat(count(one, "idem-2")).isEqualTo(1);
        assertThat(one.get("/v1/event-types/idem.other", key).status()).isEqualTo(404);
    }

    @Test
    void shouldLeaveNoTraceOfARefusedRequest() {
        Answer refused = postWithKey(one, "create-3", "{\"url\":\"ftp://hooks.example/\",\"eventTypes\":[\"*\"],\"name\":\"idem-3\"}");
        assertThat(refused.status()).isEqualTo(422);
        Answer fixed = postWithKey(one, "create-3", "{\"url\":\"https://hooks.example/\",\"eventTypes\":[\"*\"],\"name\":\"idem-3\"}");
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(201);
        assertThat(fixed.header(Idempotency.REPLAYED_HEADER)).isEmpty();
    }

    @Test
    void shouldKeepKeysOfTenantsApart() {
        String other = TestApi.tenant(one, "globex");
        String body = "{\"url\":\"https://hooks.example/t\",\"eventTypes\":[\"*\"],\"name\":\"idem-4\"}";
        assertThat(postWithKey(one, "shared-key", body).status()).isEqualTo(201);
        Answer theirs = one.send("POST", "/v1/subscriptions", other, body, Map.of(Idempotency.HEADER, "shared-key"));
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header(Idempotency.REPLAYED_HEADER)).isEmpty();
        assertThat(one.send("POST", "/v1/subscriptions", key, body, Map.of(Idempotency.HEADER, " ")).status()).isEqualTo(422);
    }

    @Test
    void shouldCreateOnceWhenRequestsWithOneKeyRaceOnTwoInstances() throws Exception {
        String body = "{\"url\":\"https://hooks.example/race\",\"eventTypes\":[\"*\"],\"name\":\"idem-race\"}";
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Answer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                JsonHttp client = i % 2 == 0 ? one : two;
                calls.add(() -> postWithKey(client, "race-1", body));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Answer> reply : pool.invokeAll(calls)) {
                statuses.add(reply.get().status());
            }
            assertThat(statuses).contains(201).allMatch(status -> status == 201 || status == 409);
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count(two, "idem-race") == 1);
        assertThat(count(one, "idem-race")).isEqualTo(1);
    }

    @Test
    void shouldServeWritesOfOneInstanceFromTheOther() {
        Answer created = one.post("/v1/subscriptions", key, "{\"url\":\"https://hooks.example/both\",\"eventTypes\":[\"*\"]}");
        String id = created.json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> two.get("/v1/subscriptions/" + id, key).status() == 200);
        assertThat(two.patch("/v1/subscriptions/" + id, key, "{\"name\":\"from-two\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "from-two".equals(one.get("/v1/subscriptions/" + id, key).json().path("name").asText()));
    }

    @Test
    void shouldRebuildEverythingOnARestartedInstance() {
        String body = "{\"url\":\"https://hooks.example/restart\",\"eventTypes\":[\"*\"],\"name\":\"restart\"}";
        Answer created = postWithKey(one, "restart-1", body);
        String id = created.json().get("id").asText();
        Answer issued = one.post("/v1/admin/tenants/acme/keys", TestApi.ADMIN_KEY, "{\"name\":\"revoked-before-restart\"}");
        one.delete("/v1/admin/tenants/acme/keys/" + issued.json().get("id").asText(), TestApi.ADMIN_KEY);
        one.post("/v1/event-types", key, "{\"name\":\"restart.checked\",\"examples\":[{\"n\":1}]}");

        try (SubscriptionApi restarted = TestApi.start(TestApi.config(kafka))) {
            JsonHttp three = TestApi.client(restarted.port());
            assertThat(three.get("/v1/subscriptions/" + id, key).json().get("name").asText()).isEqualTo("restart");
            Answer replayed = postWithKey(three, "restart-1", body);
            assertThat(replayed.body()).isEqualTo(created.body());
            assertThat(replayed.header(Idempotency.REPLAYED_HEADER)).contains("true");
            assertThat(three.get("/v1/subscriptions", issued.json().get("key").asText()).status()).isEqualTo(401);
            assertThat(three.get("/v1/event-types/restart.checked", key).status()).isEqualTo(200);
            assertThat(three.get("/v1/event-types/reportCreated", key).status()).isEqualTo(200);
        }
    }
}
