package dev.hooklane.reliability.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.reliability.badinput.BadInputCorpus.BadRequest;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.reliability.harness.Pipeline;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.reliability.harness.Tenancy;
import dev.hooklane.reliability.harness.TopicOffsets;
import dev.hooklane.service.http.HttpServer;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated bad requests against ingest and the subscription API: every answer is a
 * 4xx problem+json, none is a 5xx, no topic gains a record, and the services stay healthy.
 */
@Tag("kafka")
class BadInputTest {

    private static final String PREFIX = SharedKafka.uniquePrefix("badinput");
    private static Pipeline pipeline;
    private static String key;
    private static String subscriptionId;
    private static final JsonHttp http = new JsonHttp(Duration.ofSeconds(30));

    @BeforeAll
    static void start() {
        pipeline = Pipeline.start(SharedKafka.cluster().bootstrapServers(), PREFIX, Pipeline.Placement.allInThisJvm(), Map.of());
        Tenancy tenancy = new Tenancy(pipeline.api().url(""));
        key = tenancy.createTenant("alpha");
        JsonHttp.Answer created = http.post(pipeline.api().url("/v1/subscriptions"), key,
                "{\"url\":\"https://example.com/hook\",\"eventTypes\":[\"order.created\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        subscriptionId = created.json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldRefuseEveryBadRequestWithAProblemAndWriteNothing() {
        BadInputCorpus corpus = new BadInputCorpus(key, "hk_" + "0".repeat(40), subscriptionId);
        List<BadRequest> ingest = corpus.ingest();
        List<BadRequest> api = corpus.api();
        assertThat(ingest.size() + api.size()).isGreaterThanOrEqualTo(500);
        org.slf4j.LoggerFactory.getLogger(BadInputTest.class).info("Sending {} bad requests to ingest and {} to the subscription API",
                ingest.size(), api.size());

        Map<String, Long> before = TopicOffsets.endOffsets(SharedKafka.cluster().bootstrapServers(), PREFIX);
        List<String> wrong = new ArrayList<>();
        ingest.forEach(request -> check(pipeline.ingest(), request, wrong));
        api.forEach(request -> check(pipeline.api(), request, wrong));
        Map<String, Long> after = TopicOffsets.endOffsets(SharedKafka.cluster().bootstrapServers(), PREFIX);

        assertThat(wrong).as("answers that were not a 4xx problem").isEmpty();
        assertThat(after).as("end offsets of every topic").isEqualTo(before);
        for (PipelineService service : List.of(pipeline.api(), pipeline.ingest())) {
            assertThat(http.get(service.url("/health"), null).status()).isEqualTo(200);
            assertThat(http.get(service.url("/ready"), null).status()).isEqualTo(200);
        }
        assertThat(http.post(pipeline.ingest().url("/v1/events"), key, "{\"type\":\"order.created\",\"data\":{}}").status())
                .as("a good event after the bad ones").isEqualTo(202);
    }

    private static void check(PipelineService service, BadRequest bad, List<String> wrong) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(bad.path()))).timeout(Duration.ofSeconds(30))
                .method(bad.method(), bad.body().length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bad.body()));
        bad.headers().forEach(request::header);
        if (bad.key() != null) {
            request.header("Authorization", "Bearer " + bad.key());
        }
        // One pooled connection for all: a refusal that closes the connection must say so (Connection: close). A head
        // beyond what the server reads is answered and then reset: its own socket reads that answer (RawExchange).
        JsonHttp.Answer answer = headBytes(bad) > HttpServer.MAX_HEADER_BYTES
                ? RawExchange.send(URI.create(service.url("")), bad, Duration.ofSeconds(30))
                : http.send(request.build());
        String problem = problemError(answer);
        if (problem != null) {
            wrong.add(bad + " -> " + problem);
        }
    }

    /** About how many bytes the request line and headers take. */
    private static int headBytes(BadRequest bad) {
        return bad.method().length() + bad.path().length() + bad.headers().entrySet().stream()
                .mapToInt(header -> header.getKey().length() + header.getValue().length() + 4).sum();
    }

    /** Why the answer is not a 4xx problem+json, or null when it is one. */
    private static String problemError(JsonHttp.Answer answer) {
        if (answer.status() < 400 || answer.status() > 499) {
            return "status " + answer;
        }
        String type = answer.header("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return answer.status() + " with content type '" + type + "'";
        }
        try {
            JsonNode body = Json.mapper().readTree(answer.body());
            if (body.path("status").asInt() != answer.status() || !body.hasNonNull("title")) {
                return "problem without matching status and title: " + answer;
            }
        } catch (java.io.IOException e) {
            return "problem body is not JSON: " + answer;
        }
        return null;
    }
}
