package dev.hooklane.subscriptions.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.subscriptions.testing.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A tenant's callback secret (seed 001's per-event callback URLs) is read and rotated like a subscription's secret. */
@Tag("kafka")
class CallbackSecretRoutesTest {

    private static final String PATH = "/v1/tenant/callback-secret";
    private static SubscriptionApi api;
    private static JsonHttp http;

    @BeforeAll
    static void start() {
        api = TestApi.start(TestApi.config(TestApi.kafka("callbacksecret")));
        http = TestApi.client(api.port());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void shouldRotateTheCallbackSecretWithThePreviousOneSigningForTheOverlap() {
        String key = TestApi.tenant(http, "credas-rotate");
        Answer first = http.get(PATH, key);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Cache-Control")).contains("no-store");
        assertThat(first.json().fieldNames()).toIterable().containsExactly("secret");
        String original = first.json().get("secret").asText();

        Instant before = Instant.now();
        Answer rotated = http.post(PATH + "/rotate", key, "{\"overlapSeconds\":3600}");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.header("ETag")).isPresent();
        String fresh = rotated.json().get("secret").asText();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(original);
        JsonNode expiries = rotated.json().get("previousSecretsExpireAt");
        assertThat(expiries).hasSize(1);
        assertThat(Instant.parse(expiries.get(0).asText())).isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
        assertThat(http.get(PATH, key).body()).isEqualTo(rotated.body());

        String chosen = WebhookSecret.generate().encoded();
        Answer immediate = http.post(PATH + "/rotate", key, "{\"secret\":\"" + chosen + "\",\"overlapSeconds\":0}");
        assertThat(immediate.status()).isEqualTo(200);
        assertThat(immediate.json().get("secret").asText()).isEqualTo(chosen);
        assertThat(immediate.json().has("previousSecretsExpireAt")).as("no overlap: the previous ones stop at once").isFalse();
    }

    @Test
    void shouldRotateWithTheConfiguredOverlapWhenTheBodyIsEmpty() {
        String key = TestApi.tenant(http, "credas-default");
        Answer rotated = http.post(PATH + "/rotate", key, null);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(Instant.parse(rotated.json().at("/previousSecretsExpireAt/0").asText())).isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    @Test
    void shouldRefuseABadRotationAndChangeNothing() {
        String key = TestApi.tenant(http, "credas-refused");
        String before = http.get(PATH, key).body();
        assertThat(http.post(PATH + "/rotate", key, "{\"overlapSeconds\":-1}").errorFields()).containsExactly("overlapSeconds");
        assertThat(http.post(PATH + "/rotate", key, "{\"overlapSeconds\":604801}").errorFields()).containsExactly("overlapSeconds");
        assertThat(http.post(PATH + "/rotate", key, "{\"secret\":\"not-a-secret\"}").errorFields()).containsExactly("secret");
        assertThat(http.post(PATH + "/rotate", key, "{\"overlap\":5}").status()).isEqualTo(422);
        String etag = http.get(PATH, key).header("ETag").orElseThrow();
        Answer stale = http.send("POST", PATH + "/rotate", key, "{}", Map.of("If-Match", "\"" + (Long.parseLong(etag.replace("\"", "")) + 1) + "\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(http.post(PATH + "/rotate", TestApi.ADMIN_KEY, "{}").status()).as("the admin key owns no callback secret").isEqualTo(403);
        assertThat(http.post(PATH + "/rotate", null, "{}").status()).isEqualTo(401);
        assertThat(http.get(PATH, key).body()).isEqualTo(before);
        assertThat(http.send("POST", PATH + "/rotate", key, "{}", Map.of("If-Match", etag)).status()).as("the current version").isEqualTo(200);
    }

    @Test
    void shouldRotateOnlyTheCallersOwnCallbackSecret() {
        String mine = TestApi.tenant(http, "credas-mine");
        String theirs = TestApi.tenant(http, "credas-theirs");
        String theirsBefore = http.get(PATH, theirs).body();
        assertThat(http.post(PATH + "/rotate", mine, "{}").status()).isEqualTo(200);
        assertThat(http.get(PATH, theirs).body()).isEqualTo(theirsBefore);
    }
}
