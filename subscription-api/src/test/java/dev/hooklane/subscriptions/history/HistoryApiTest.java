package dev.hooklane.subscriptions.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.AttemptOutcome;
import dev.hooklane.contracts.delivery.AttemptCodec;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.delivery.DeadLetterCause;
import dev.hooklane.contracts.delivery.DeadLetters;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.JobHeaders;
import dev.hooklane.contracts.delivery.JobIds;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventPublisher;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.subscriptions.SubscriptionApiConfig;
import dev.hooklane.subscriptions.testing.TestApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The attempt log, replay and recovery through the API, against a real broker. */
@Tag("kafka")
class HistoryApiTest {

    private static final String ADMIN_KEY = "admin-key-for-history-tests";
    private static KafkaSettings kafka;
    private static TopicCatalog catalog;
    private static SubscriptionApi api;
    private static JsonHttp client;
    private static KafkaProducer<String, byte[]> producer;
    private static String acmeKey;
    private static String otherKey;
    private static final List<ConsumerRecord<String, byte[]>> jobs = new CopyOnWriteArrayList<>();
    private static KafkaConsumer<String, byte[]> jobReader;
    private static Thread jobThread;
    private static volatile boolean reading = true;

    @BeforeAll
    static void start() {
        kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("history"), List.of(Duration.ofSeconds(1)));
        catalog = kafka.catalog();
        api = SubscriptionApi.start(new SubscriptionApiConfig(kafka, HttpSettings.ephemeral(), Optional.of(ADMIN_KEY), true, Duration.ofSeconds(10)));
        client = TestApi.client(api.port());
        producer = new KafkaProducer<>(KafkaClients.producer(kafka, "test", Map.of()), new StringSerializer(), new ByteArraySerializer());
        acmeKey = tenant("acme");
        otherKey = tenant("other");
        jobReader = new KafkaConsumer<>(KafkaClients.consumer(kafka, "test-jobs", "jobs-" + kafka.topicPrefix(), Map.of()),
                new StringDeserializer(), new ByteArrayDeserializer());
        jobReader.subscribe(List.of(catalog.deliveries().name()));
        jobThread = Thread.ofPlatform().daemon().start(() -> {
            while (reading) {
                jobReader.poll(Duration.ofMillis(100)).forEach(jobs::add);
            }
            jobReader.close();
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        reading = false;
        jobThread.join(5000);
        producer.close();
        api.close();
    }

    private static String tenant(String id) {
        JsonHttp.Answer created = client.post("/v1/admin/tenants", ADMIN_KEY, "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().at("/apiKey/key").asText();
    }

    private static Subscription subscription(String id, String tenant, boolean enabled, List<String> types, List<FilterCondition> filter) {
        Instant now = Instant.now();
        Subscription subscription = new Subscription(id, tenant, "https://example.com/" + id, types, filter, Optional.empty(), Optional.empty(),
                Map.of(), enabled, enabled ? Optional.empty() : Optional.of("410 Gone"), PayloadFormat.EVENT_PAYLOAD,
                List.of(new SigningSecret(WebhookSecret.generate().encoded(), now, Optional.empty())), Optional.empty(), Optional.empty(),
                Map.of(), now, now);
        write(catalog.subscriptions().name(), id, JsonSerde.of(Subscription.class).toBytes(subscription));
        String key = tenant.equals("acme") ? acmeKey : otherKey;
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/v1/subscriptions/" + id, key).status() == 200);
        return subscription;
    }

    private static void write(String topic, String key, byte[] value) {
        write(topic, key, value, new RecordHeaders());
    }

    private static void write(String topic, String key, byte[] value, org.apache.kafka.common.header.Headers headers) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static AttemptRecord attempt(String jobId, String eventId, String tenant, String subscriptionId, int n, Instant at) {
        AttemptRecord record = new AttemptRecord(jobId, eventId, tenant, Optional.of(subscriptionId), n, n < 3 ? AttemptOutcome.RETRY : AttemptOutcome.SUCCESS,
                Optional.of(n < 3 ? 503 : 200), 12, Optional.of("body"), Optional.empty(), at);
        write(catalog.attempts().name(), subscriptionId, AttemptCodec.encode(record));
        return record;
    }

    private static DeliveryJob job(String subscriptionId, String eventId) {
        Instant now = Instant.now();
        return new DeliveryJob(JobIds.of(eventId, subscriptionId), eventId, "acme", Optional.of(subscriptionId), Optional.empty(), "reportCreated",
                "application/json", "{\"n\":1}".getBytes(StandardCharsets.UTF_8), now, now, 10, now);
    }

    @Test
    void shouldServeASubscriptionsAttemptsNewestFirstInPages() {
        subscription("sub-paged", "acme", true, List.of("*"), List.of());
        Instant base = Instant.now().minusSeconds(60);
        for (int n = 1; n <= 5; n++) {
            attempt("msg_paged", "evt-paged", "acme", "sub-paged", n, base.plusSeconds(n));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/v1/subscriptions/sub-paged/attempts", acmeKey).json().get("data").size() == 5);

        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonHttp.Answer page = client.get("/v1/subscriptions/sub-paged/attempts?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), acmeKey);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("data").forEach(item -> seen.add(item.get("attempt").asInt()));
            cursor = page.json().has("nextCursor") ? page.json().get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactly(5, 4, 3, 2, 1);
        assertThat(pages).isEqualTo(3);
        JsonNode newest = client.get("/v1/subscriptions/sub-paged/attempts?limit=1", acmeKey).json().get("data").get(0);
        assertThat(newest.get("outcome").asText()).isEqualTo("success");
        assertThat(newest.get("statusCode").asInt()).isEqualTo(200);
        assertThat(client.get("/v1/subscriptions/sub-paged/attempts", otherKey).status()).isEqualTo(404);
        assertThat(client.get("/v1/subscriptions/sub-paged/attempts?limit=0", acmeKey).status()).isEqualTo(422);
        assertThat(client.get("/v1/subscriptions/sub-paged/attempts?cursor=nonsense", acmeKey).status()).isEqualTo(422);
    }

    @Test
    void shouldServeAnEventsAttemptsOverItsSubscriptionsAndNoOtherTenants() {
        Instant at = Instant.now();
        attempt("msg_e1", "evt-shared", "acme", "sub-e-1", 3, at);
        attempt("msg_e2", "evt-shared", "acme", "sub-e-2", 3, at.plusMillis(5));
        attempt("msg_e3", "evt-shared", "other", "sub-e-3", 3, at.plusMillis(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/v1/events/evt-shared/attempts", otherKey).status() == 200);

        JsonHttp.Answer acme = client.get("/v1/events/evt-shared/attempts", acmeKey);
        assertThat(acme.json().get("data")).extracting(node -> node.get("subscriptionId").asText()).containsExactly("sub-e-2", "sub-e-1");
        assertThat(client.get("/v1/events/evt-shared/attempts", otherKey).json().get("data")).hasSize(1);
        assertThat(client.get("/v1/events/evt-unknown/attempts", acmeKey).status()).isEqualTo(404);
    }

    @Test
    void shouldReplayOneDeadLetterAndEveryDeadLetterOfARange() {
        subscription("sub-replay", "acme", true, List.of("*"), List.of());
        DeliveryJob first = job("sub-replay", "evt-r1");
        DeliveryJob second = job("sub-replay", "evt-r2");
        for (DeliveryJob dead : List.of(first, second)) {
            write(catalog.dlq().name(), "sub-replay", JobCodec.encode(dead), DeadLetters.headers(new RecordHeaders(), DeadLetterCause.EXHAUSTED,
                    "exhausted 10 attempts", Optional.of(503), Optional.empty(), Instant.now()));
        }

        JsonHttp.Answer listed = client.get("/v1/subscriptions/sub-replay/dead-letters", acmeKey);
        assertThat(listed.json().get("data")).extracting(node -> node.get("jobId").asText()).containsExactly(first.jobId(), second.jobId());

        JsonHttp.Answer one = client.post("/v1/subscriptions/sub-replay/dead-letters/" + first.jobId() + "/replay", acmeKey, null);
        assertThat(one.status()).as(one.body()).isEqualTo(202);
        assertThat(one.json().get("sent").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> replayed(first.jobId()).size() == 1);
        ConsumerRecord<String, byte[]> record = replayed(first.jobId()).get(0);
        assertThat(new String(record.headers().lastHeader(JobHeaders.TRIGGER).value(), StandardCharsets.UTF_8)).isEqualTo("replay");
        DeliveryJob resent = JobCodec.decode(record.value());
        assertThat(resent.attempt()).isEqualTo(1);
        assertThat(resent.body()).isEqualTo(first.body());

        String range = "{\"from\":\"" + Instant.now().minusSeconds(600) + "\",\"to\":\"" + Instant.now().plusSeconds(5) + "\"}";
        JsonHttp.Answer all = client.post("/v1/subscriptions/sub-replay/replay", acmeKey, range);
        assertThat(all.status()).as(all.body()).isEqualTo(202);
        assertThat(all.json().get("sent").asInt()).isEqualTo(2);
        assertThat(all.json().get("complete").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> replayed(second.jobId()).size() == 1 && replayed(first.jobId()).size() == 2);

        assertThat(client.post("/v1/subscriptions/sub-replay/dead-letters/msg_unknown/replay", acmeKey, null).status()).isEqualTo(404);
        assertThat(client.post("/v1/subscriptions/sub-replay/replay", otherKey, range).status()).isEqualTo(404);
    }

    @Test
    void shouldRecoverTheMatchingEventsOfARange() throws Exception {
        subscription("sub-recover", "acme", true, List.of("report.*"), List.of(new FilterCondition("data.site", List.of("s-1"))));
        Instant from = Instant.now().minusSeconds(1);
        try (EventPublisher publisher = new EventPublisher(new KafkaProducer<>(KafkaClients.producer(kafka, "events", Map.of()),
                new StringSerializer(), new ByteArraySerializer()), catalog.events())) {
            publisher.publish(event("evt-match", "report.created", "acme", "s-1")).get();
            publisher.publish(event("evt-other-site", "report.created", "acme", "s-2")).get();
            publisher.publish(event("evt-other-type", "invoice.paid", "acme", "s-1")).get();
            publisher.publish(event("evt-other-tenant", "report.created", "other", "s-1")).get();
        }
        String range = "{\"from\":\"" + from + "\",\"to\":\"" + Instant.now().plusSeconds(1) + "\"}";

        JsonHttp.Answer recovered = client.post("/v1/subscriptions/sub-recover/recover", acmeKey, range);
        assertThat(recovered.status()).as(recovered.body()).isEqualTo(202);
        assertThat(recovered.json().get("sent").asInt()).isEqualTo(1);
        assertThat(recovered.json().get("scanned").asLong()).isEqualTo(4);
        String jobId = JobIds.of("evt-match", "sub-recover");
        await().atMost(Duration.ofSeconds(30)).until(() -> replayed(jobId).size() == 1);
        ConsumerRecord<String, byte[]> record = replayed(jobId).get(0);
        assertThat(new String(record.headers().lastHeader(JobHeaders.TRIGGER).value(), StandardCharsets.UTF_8)).isEqualTo("recover");
        assertThat(JobCodec.decode(record.value()).bodyText())
                .isEqualTo("{\"event\":\"report.created\",\"payload\":{\"site\":\"s-1\"}}");
    }

    @Test
    void shouldRefuseBadRangesAndDisabledSubscriptionsAndChangeNothing() {
        subscription("sub-disabled", "acme", false, List.of("*"), List.of());
        subscription("sub-ranges", "acme", true, List.of("*"), List.of());
        int before = jobs.size();

        JsonHttp.Answer backwards = client.post("/v1/subscriptions/sub-ranges/replay", acmeKey,
                "{\"from\":\"2025-11-23T10:00:00Z\",\"to\":\"2025-11-23T09:00:00Z\"}");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.json().get("errors")).extracting(node -> node.get("field").asText()).containsExactly("to");
        JsonHttp.Answer garbled = client.post("/v1/subscriptions/sub-ranges/recover", acmeKey, "{\"to\":\"yesterday\"}");
        assertThat(garbled.status()).isEqualTo(422);
        assertThat(garbled.json().get("errors")).extracting(node -> node.get("field").asText()).containsExactlyInAnyOrder("to", "from");
        JsonHttp.Answer tooWide = client.post("/v1/subscriptions/sub-ranges/recover", acmeKey,
                "{\"from\":\"2025-01-01T00:00:00Z\",\"to\":\"2025-06-01T00:00:00Z\"}");
        assertThat(tooWide.status()).isEqualTo(422);
        JsonHttp.Answer disabled = client.post("/v1/subscriptions/sub-disabled/replay", acmeKey,
                "{\"from\":\"" + Instant.now().minusSeconds(60) + "\"}");
        assertThat(disabled.status()).isEqualTo(409);
        assertThat(disabled.body()).contains("is disabled");
        assertThat(jobs).hasSize(before);
    }

    private static EventEnvelope event(String id, String type, String tenant, String site) {
        return new EventEnvelope(id, URI.create("/test"), type, Instant.now(), Optional.empty(), tenant,
                Json.mapper().createObjectNode().put("site", site), Optional.empty());
    }

    private static List<ConsumerRecord<String, byte[]>> replayed(String jobId) {
        return jobs.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(jobId)).toList();
    }
}
