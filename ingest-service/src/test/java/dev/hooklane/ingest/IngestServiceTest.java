package dev.hooklane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ingest service against a real broker: every accepted form is stored, every refusal writes nothing. */
@Tag("kafka")
class IngestServiceTest {

    private static IngestFixture fixture;
    private static IngestService service;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("ingest"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        fixture = new IngestFixture(kafka);
        key = fixture.createTenant("acme");
        service = IngestService.start(new IngestConfig(kafka, HttpSettings.ephemeral(), Duration.ofSeconds(10), 2048, 3, 4096));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    private HttpResponse<String> post(String contentType, String body, Map<String, String> headers) throws Exception {
        return fixture.post(service.port(), key, contentType, body, headers);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /** Posts a refused request, then a valid marker: only the marker may appear on the topic after it. */
    private void assertRefusedAndNothingWritten(HttpResponse<String> refused, int status) throws Exception {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
        assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        List<String> before = fixture.storedIds();
        String marker = unique("marker");
        assertThat(post("application/json", "{\"id\":\"" + marker + "\",\"type\":\"marker\",\"data\":{}}", Map.of()).statusCode()).isEqualTo(202);
        List<String> after = new ArrayList<>(fixture.storedIds());
        after.removeAll(before);
        assertThat(after).containsExactly(marker);
    }

    @Test
    void shouldStoreAnEventInThePlatformShapeWhenPostedWithATenantKey() throws Exception {
        String id = unique("evt");
        HttpResponse<String> answer = post("application/json",
                "{\"id\":\"" + id + "\",\"type\":\"reportCreated\",\"subject\":\"r-1\",\"data\":{\"state\":\"NEW\"}}", Map.of());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(json(answer).get("id").asText()).isEqualTo(id);
        EventEnvelope stored = fixture.storedEvents().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        assertThat(stored.tenant()).isEqualTo("acme");
        assertThat(stored.subject()).contains("r-1");
        assertThat(stored.data().get("state").asText()).isEqualTo("NEW");
    }

    @Test
    void shouldUseTheIdempotencyKeyAsTheIdWhenTheEventNamesNone() throws Exception {
        String single = unique("idem");
        assertThat(post("application/json", "{\"event\":\"reportCreated\",\"payload\":{}}", Map.of("Idempotency-Key", single)).statusCode())
                .isEqualTo(202);
        String batchKey = unique("batch");
        HttpResponse<String> batch = post("application/json",
                "[{\"type\":\"a\",\"data\":1},{\"id\":\"own-" + batchKey + "\",\"type\":\"a\",\"data\":2}]", Map.of("Idempotency-Key", batchKey));

        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
        assertThat(json(batch).get("accepted").findValuesAsText("id")).containsExactly(batchKey + "-0", "own-" + batchKey);
        assertThat(fixture.storedIds()).contains(single, batchKey + "-0", "own-" + batchKey);
    }

    @Test
    void shouldStoreStructuredCloudEventsWhenPostedSingleOrAsABatch() throws Exception {
        String one = unique("ce");
        String two = unique("ce");
        String three = unique("ce");
        HttpResponse<String> single = post("application/cloudevents+json; charset=utf-8",
                "{\"specversion\":\"1.0\",\"id\":\"" + one + "\",\"source\":\"/crm\",\"type\":\"NewCustomer\",\"data\":{\"name\":\"Ada\"}}", Map.of());
        HttpResponse<String> batch = post("application/cloudevents-batch+json",
                "[{\"specversion\":\"1.0\",\"id\":\"" + two + "\",\"source\":\"/crm\",\"type\":\"NewDeal\",\"data\":{}},"
                        + "{\"specversion\":\"1.0\",\"id\":\"" + three + "\",\"source\":\"/crm\",\"type\":\"NewProspect\",\"tenant\":\"acme\"}]",
                Map.of());

        assertThat(single.statusCode()).as(single.body()).isEqualTo(202);
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
        assertThat(fixture.storedEvents()).filteredOn(e -> List.of(one, two, three).contains(e.id()))
                .extracting(EventEnvelope::type).containsExactlyInAnyOrder("NewCustomer", "NewDeal", "NewProspect");
    }

    @Test
    void shouldStoreABinaryModeCloudEventWhenItsAttributesAreCeHeaders() throws Exception {
        String id = unique("bin");
        HttpResponse<String> answer = post("application/json", "{\"ProcessId\":\"1e14\",\"Status\":2}", Map.of(
                "ce-specversion", "1.0", "ce-id", id, "ce-source", "/processes", "ce-type", "processComplete",
                "ce-callbackurl", "https://my-webhook.credas.com/updates?our-reference=1232323"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        EventEnvelope stored = fixture.storedEvents().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        assertThat(stored.type()).isEqualTo("processComplete");
        assertThat(stored.tenant()).isEqualTo("acme");
        assertThat(stored.data().get("Status").asInt()).isEqualTo(2);
        assertThat(stored.callbackUrl()).get().hasToString("https://my-webhook.credas.com/updates?our-reference=1232323");
    }

    @Test
    void shouldRefuseTheWholeBatchAndWriteNothingWhenOneEventIsInvalid() throws Exception {
        HttpResponse<String> answer = post("application/json",
                "[{\"id\":\"" + unique("ok") + "\",\"type\":\"a\",\"data\":1},{\"type\":\"bad type\",\"data\":1}]", Map.of());
        assertThat(json(answer).get("errors").findValuesAsText("field")).containsExactly("[1].type");
        assertRefusedAndNothingWritten(answer, 422);
    }

    @Test
    void shouldRefuseABatchWhenItHasTooManyEventsOrBytes() throws Exception {
        String event = "{\"type\":\"a\",\"data\":1}";
        assertRefusedAndNothingWritten(post("application/json", "[" + String.join(",", event, event, event, event) + "]", Map.of()), 413);
        String padded = "{\"type\":\"a\",\"data\":\"" + "x".repeat(1500) + "\"}";
        assertRefusedAndNothingWritten(post("application/json", "[" + String.join(",", padded, padded, padded) + "]", Map.of()), 413);
        assertRefusedAndNothingWritten(post("application/json", "[]", Map.of()), 413);
    }

    @Test
    void shouldRefuseAnEventLargerThanTheEventLimit() throws Exception {
        HttpResponse<String> answer = post("application/json", "{\"type\":\"a\",\"data\":\"" + "x".repeat(3000) + "\"}", Map.of());
        assertThat(json(answer).get("errors").findValuesAsText("field")).containsExactly("body");
        assertRefusedAndNothingWritten(answer, 422);
    }

    @Test
    void shouldRefuseAnEventOfAnotherTenantInEveryCloudEventsMode() throws Exception {
        assertRefusedAndNothingWritten(post("application/cloudevents+json",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\",\"type\":\"a\",\"tenant\":\"globex\"}", Map.of()), 422);
        assertRefusedAndNothingWritten(post("application/json", "{}", Map.of("ce-specversion", "1.0", "ce-id", "x", "ce-source", "/s",
                "ce-type", "a", "ce-tenant", "globex")), 422);
    }

    @Test
    void shouldRefuseAnIdempotencyKeyThatContradictsTheEventId() throws Exception {
        HttpResponse<String> answer = post("application/json", "{\"id\":\"one\",\"type\":\"a\",\"data\":1}", Map.of("Idempotency-Key", "two"));
        assertThat(json(answer).get("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
        assertRefusedAndNothingWritten(answer, 422);
    }

    @Test
    void shouldRefuseRequestsItCannotReadWithAProblem() throws Exception {
        assertRefusedAndNothingWritten(post("text/plain", "type=a", Map.of()), 415);
        assertRefusedAndNothingWritten(post("application/json", "{\"type\":", Map.of()), 400);
        assertRefusedAndNothingWritten(post("application/cloudevents+json", "{\"id\":\"x\",\"type\":\"a\",\"source\":\"/s\"}", Map.of()), 422);
        assertRefusedAndNothingWritten(post("application/cloudevents-batch+json", "{\"specversion\":\"1.0\"}", Map.of()), 400);
        assertRefusedAndNothingWritten(fixture.post(service.port(), null, "application/json", "{\"type\":\"a\",\"data\":1}", Map.of()), 401);
        assertRefusedAndNothingWritten(fixture.post(service.port(), "hk_unknown", "application/json", "{\"type\":\"a\",\"data\":1}", Map.of()), 401);
    }

    @Test
    void shouldCountEventsByOutcomeAndRefusalsByReasonInMetrics() throws Exception {
        assertThat(post("application/json", "{\"type\":\"a\",\"data\":1}", Map.of()).statusCode()).isEqualTo(202);
        assertThat(post("text/plain", "x", Map.of()).statusCode()).isEqualTo(415);
        String scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metric(scrape, "webhook_ingest_events_total{outcome=\"accepted\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(metric(scrape, "webhook_ingest_requests_refused_total{reason=\"unsupported\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(metric(scrape, "webhook_ingest_events_total{outcome=\"unavailable\"")).isZero();
    }

    private static double metric(String scrape, String prefix) {
        return scrape.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no meter " + prefix));
    }
}
