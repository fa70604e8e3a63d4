package dev.hooklane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.contracts.delivery.DeadLetters;
import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.testkit.http.JsonHttp;
import org.apache.kafka.common.header.internals.RecordHeaders;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.JobIds;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The whole pipeline with a real broker: subscribe through the API, post through ingest, receive signed. */
@Tag("kafka")
class EndToEndTest {

    private static final String ADMIN_KEY = "admin-key-for-tests-only";
    private static LocalStack stack;
    private static ScriptableReceiver receiver;
    private static final JsonHttp http = new JsonHttp().checkedAgainstServedDocuments();
    private static String tenantKey;
    private static KafkaSettings kafka;

    @BeforeAll
    static void start() throws Exception {
        receiver = ScriptableReceiver.start();
        kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("e2e"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        stack = LocalStack.start(new LocalStack.Options(kafka, "127.0.0.1", 0, ADMIN_KEY, Files.createTempDirectory("router-state")));
        JsonHttp.Answer tenant = http.post(stack.apiUrl() + "/v1/admin/tenants", ADMIN_KEY, "{\"id\":\"acme\",\"name\":\"Acme\"}");
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(201);
        tenantKey = tenant.json().at("/apiKey/key").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get(stack.routerUrl() + "/ready", null).status() == 200);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void shouldDeliverThePostedEventSignedToTheSubscriber() {
        WebhookSecret secret = WebhookSecret.generate();
        JsonHttp.Answer created = http.post(stack.apiUrl() + "/v1/subscriptions", tenantKey,
                "{\"url\":\"" + receiver.url("/keyclic?site=42") + "\",\"eventTypes\":[\"reportCreated\"],\"format\":\"event-payload\","
                        + "\"secret\":\"" + secret.encoded() + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonHttp.Answer posted = http.post(stack.ingestUrl() + "/v1/events", tenantKey,
                "{\"id\":\"evt-e2e-1\",\"type\":\"reportCreated\",\"data\":{\"type\":\"Report\",\"id\":\"b0e7e28f\",\"state\":\"NEW\"}}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.requests("/keyclic").isEmpty());
        ReceivedRequest delivery = receiver.requests("/keyclic").get(0);
        assertThat(delivery.bodyText()).isEqualTo("{\"event\":\"reportCreated\",\"payload\":{\"type\":\"Report\",\"id\":\"b0e7e28f\",\"state\":\"NEW\"}}");
        assertThat(delivery.query()).contains("site=42");
        assertThat(delivery.signatureVerifies(secret)).isTrue();
        assertThat(delivery.signatureVerifies(WebhookSecret.generate())).isFalse();
        assertThat(delivery.header("content-type")).get().asString().startsWith("application/json");
        assertThat(delivery.header("user-agent")).get().asString().startsWith("Hooklane");
        assertThat(delivery.webhookId()).startsWith("msg_");
    }

    @Test
    void shouldNotDeliverToASubscriptionDeletedBeforeTheEvent() {
        JsonHttp.Answer kept = http.post(stack.apiUrl() + "/v1/subscriptions", tenantKey,
                "{\"url\":\"" + receiver.url("/kept") + "\",\"eventTypes\":[\"operationRemoved\"]}");
        JsonHttp.Answer removed = http.post(stack.apiUrl() + "/v1/subscriptions", tenantKey,
                "{\"url\":\"" + receiver.url("/removed") + "\",\"eventTypes\":[\"operationRemoved\"]}");
        assertThat(List.of(kept.status(), removed.status())).containsOnly(201);
        String removedId = removed.json().get("id").asText();
        assertThat(http.delete(stack.apiUrl() + "/v1/subscriptions/" + removedId, tenantKey).status()).isEqualTo(204);
        assertThat(http.get(stack.apiUrl() + "/v1/subscriptions/" + removedId, tenantKey).status()).isEqualTo(404);

        assertThat(http.post(stack.ingestUrl() + "/v1/events", tenantKey, "{\"type\":\"operationRemoved\",\"data\":{\"id\":\"op-1\"}}").status())
                .isEqualTo(202);

        // The kept subscription's delivery proves the event went through the router after the deletion.
        await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.requests("/kept").isEmpty());
        assertThat(receiver.requests("/removed")).isEmpty();
        assertThat(receiver.requests("/kept").get(0).bodyText()).contains("\"type\":\"operationRemoved\"").contains("\"data\":{\"id\":\"op-1\"}");
    }

    @Test
    void shouldRecoverPastEventsForANewSubscriptionAndShowThemInItsAttemptLog() {
        Instant from = Instant.now().minusSeconds(1);
        JsonHttp.Answer early = http.post(stack.apiUrl() + "/v1/subscriptions", tenantKey,
                "{\"url\":\"" + receiver.url("/early") + "\",\"eventTypes\":[\"reportClosed\"]}");
        assertThat(early.status()).as(early.body()).isEqualTo(201);
        assertThat(http.post(stack.ingestUrl() + "/v1/events", tenantKey, "{\"id\":\"evt-past-1\",\"type\":\"reportClosed\",\"data\":{\"id\":\"r-9\"}}")
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.requests("/early").isEmpty());

        JsonHttp.Answer late = http.post(stack.apiUrl() + "/v1/subscriptions", tenantKey,
                "{\"url\":\"" + receiver.url("/late") + "\",\"eventTypes\":[\"reportClosed\"]}");
        String lateId = late.json().get("id").asText();
        JsonHttp.Answer recovered = http.post(stack.apiUrl() + "/v1/subscriptions/" + lateId + "/recover", tenantKey,
                "{\"from\":\"" + from + "\",\"to\":\"" + Instant.now().plusSeconds(1) + "\"}");
        assertThat(recovered.status()).as(recovered.body()).isEqualTo(202);
        assertThat(recovered.json().get("sent").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.requests("/late").isEmpty());
        assertThat(receiver.requests("/late").get(0).bodyText()).contains("\"r-9\"");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                http.get(stack.apiUrl() + "/v1/subscriptions/" + lateId + "/attempts", tenantKey).json().get("data").size() == 1);
        JsonNode attempt = http.get(stack.apiUrl() + "/v1/subscriptions/" + lateId + "/attempts", tenantKey).json().get("data").get(0);
        assertThat(attempt.get("trigger").asText()).isEqualTo("recover");
        assertThat(attempt.get("outcome").asText()).isEqualTo("success");
        assertThat(attempt.get("eventId").asText()).isEqualTo("evt-past-1");
    }

    @Test
    void shouldReplayADeadLetterAndShowTheReplayInTheAttemptLog() throws Exception {
        JsonHttp.Answer created = http.post(stack.apiUrl() + "/v1/subscriptions", tenantKey,
                "{\"url\":\"" + receiver.url("/replayed") + "\",\"eventTypes\":[\"reportUpdated\"]}");
        String id = created.json().get("id").asText();
        Instant now = Instant.now();
        DeliveryJob job = new DeliveryJob(JobIds.of("evt-dead-1", id), "evt-dead-1", "acme", Optional.of(id), Optional.empty(), "reportUpdated",
                "application/json", "{\"type\":\"reportUpdated\",\"data\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8), now, now, 10,
                now);
        try (var producer = new KafkaProducer<>(KafkaClients.producer(kafka, "e2e", java.util.Map.of()), new StringSerializer(), new ByteArraySerializer())) {
            // As the worker writes it when a job has used up its retries.
            producer.send(new ProducerRecord<>(kafka.catalog().dlq().name(), null, id, JobCodec.encode(job), DeadLetters.headers(
                    new RecordHeaders(), DeadLetterCause.EXHAUSTED, "exhausted 10 attempts", Optional.of(503), Optional.empty(), now))).get();
        }

        JsonHttp.Answer replayed = http.post(stack.apiUrl() + "/v1/subscriptions/" + id + "/dead-letters/" + job.jobId() + "/replay", tenantKey, null);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.requests("/replayed").isEmpty());
        assertThat(receiver.requests("/replayed").get(0).webhookId()).isEqualTo(job.jobId());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                http.get(stack.apiUrl() + "/v1/events/evt-dead-1/attempts", tenantKey).status() == 200);
        JsonNode attempt = http.get(stack.apiUrl() + "/v1/events/evt-dead-1/attempts", tenantKey).json().get("data").get(0);
        assertThat(attempt.get("trigger").asText()).isEqualTo("replay");
        assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.get("outcome").asText()).isEqualTo("success");
    }

    @Test
    void shouldDeliverOnlyTheEventsThatPassEachKindOfFilter() {
        String attributes = "[{\"attribute\":\"data.customer.country\",\"values\":[\"FR\"]}]";
        String expression = "{\"expression\":\"data.amount > 1000 && data.currency in ['EUR', 'USD']\"}";
        String both = "{\"conditions\":" + attributes + ",\"expression\":\"has(data.customer.vip) && data.customer.vip\"}";
        for (String[] subscription : new String[][] {{"/by-attribute", attributes}, {"/by-expression", expression}, {"/by-both", both},
                {"/unfiltered", "[]"}}) {
            JsonHttp.Answer created = http.post(stack.apiUrl() + "/v1/subscriptions", tenantKey, "{\"url\":\"" + receiver.url(subscription[0])
                    + "\",\"eventTypes\":[\"order.*\"],\"format\":\"data\",\"filter\":" + subscription[1] + "}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        List<String> events = List.of(
                "{\"n\":1,\"amount\":1500,\"currency\":\"EUR\",\"customer\":{\"country\":\"FR\",\"vip\":true}}",
                "{\"n\":2,\"amount\":50,\"currency\":\"EUR\",\"customer\":{\"country\":\"FR\"}}",
                "{\"n\":3,\"amount\":5000,\"currency\":\"GBP\",\"customer\":{\"country\":\"DE\",\"vip\":true}}",
                "{\"n\":4,\"amount\":2000,\"currency\":\"USD\",\"customer\":{\"country\":\"DE\"}}",
                "{\"n\":5,\"amount\":3000,\"currency\":\"EUR\",\"customer\":{\"country\":\"FR\",\"vip\":true}}");
        for (String data : events) {
            JsonHttp.Answer posted = http.post(stack.ingestUrl() + "/v1/events", tenantKey,
                    "{\"type\":\"order.created\",\"subject\":\"order-77\",\"data\":" + data + "}");
            assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        }

        // Every subscription takes the last event; by then the events before it were routed and their jobs sent.
        for (String path : List.of("/by-attribute", "/by-expression", "/by-both", "/unfiltered")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests(path).stream().anyMatch(r -> r.bodyText().equals(events.get(4))));
        }
        assertThat(delivered("/unfiltered")).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(delivered("/by-attribute")).containsExactlyInAnyOrder(1, 2, 5);
        assertThat(delivered("/by-expression")).containsExactlyInAnyOrder(1, 4, 5);
        assertThat(delivered("/by-both")).containsExactlyInAnyOrder(1, 5);
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static List<Integer> delivered(String path) {
        return receiver.requests(path).stream().map(request -> readJson(request.bodyText()).get("n").asInt()).toList();
    }
}
