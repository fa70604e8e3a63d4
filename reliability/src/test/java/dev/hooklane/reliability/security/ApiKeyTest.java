package dev.hooklane.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.reliability.harness.Pipeline;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.local.Services;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** API keys: a revoked key stops working on every instance; a client that keeps failing is throttled. */
@Tag("kafka")
class ApiKeyTest {

    private static Pipeline pipeline;
    private static PipelineService secondApi;
    private static final JsonHttp http = new JsonHttp();

    @BeforeAll
    static void start() {
        pipeline = Pipeline.start(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("apikeys"), Pipeline.Placement.allInThisJvm(), Map.of());
        secondApi = pipeline.startAnother("api-2", Services.API);
        assertThat(http.post(pipeline.api().url("/v1/admin/tenants"), Pipeline.ADMIN_KEY, "{\"id\":\"alpha\",\"name\":\"Alpha\"}").status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldRefuseARevokedKeyOnEveryInstance() {
        JsonHttp.Answer issued = http.post(secondApi.url("/v1/admin/tenants/alpha/keys"), Pipeline.ADMIN_KEY, "{\"name\":\"to revoke\"}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String key = issued.json().get("key").asText();
        String keyId = issued.json().get("id").asText();
        List<String> guarded = List.of(pipeline.api().url("/v1/subscriptions"), secondApi.url("/v1/subscriptions"));
        await().atMost(Duration.ofSeconds(30)).until(() -> guarded.stream().allMatch(url -> http.get(url, key).status() == 200)
                && http.post(pipeline.ingest().url("/v1/events"), key, "{}").status() == 422);

        assertThat(http.delete(pipeline.api().url("/v1/admin/tenants/alpha/keys/" + keyId), Pipeline.ADMIN_KEY).status()).isIn(200, 204);

        await().atMost(Duration.ofSeconds(10)).until(() -> guarded.stream().allMatch(url -> http.get(url, key).status() == 401)
                && http.post(pipeline.ingest().url("/v1/events"), key, "{\"type\":\"a.b\",\"data\":{}}").status() == 401);
    }

    @Test
    void shouldThrottleAClientThatKeepsFailingToAuthenticate() {
        PipelineService ingest = pipeline.ingest();
        JsonHttp.Answer last = null;
        int unauthorized = 0;
        for (int i = 0; i < 100 && (last == null || last.status() == 401); i++) {
            last = http.post(ingest.url("/v1/events"), "hk_guess_" + i, "{\"type\":\"a.b\",\"data\":{}}");
            unauthorized += last.status() == 401 ? 1 : 0;
        }
        assertThat(unauthorized).as("failures allowed before the throttle").isBetween(5, 50);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(last.header("Retry-After")).get().satisfies(after -> assertThat(Long.parseLong(after)).isPositive());
        assertThat(last.json().get("status").asInt()).isEqualTo(429);
        assertThat(http.get(ingest.url("/health"), null).status()).as("health needs no key and stays up").isEqualTo(200);
    }
}
