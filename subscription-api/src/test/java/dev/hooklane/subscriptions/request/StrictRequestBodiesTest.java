package dev.hooklane.subscriptions.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.subscriptions.testing.TestApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API's routes read bodies strictly: what cannot be kept exactly as sent is refused, naming its field, and nothing changes. */
@Tag("kafka")
class StrictRequestBodiesTest {

    private static final String VALID = "{\"url\":\"https://hooks.example/in\",\"eventTypes\":[\"reportCreated\"],\"name\":\"n\"}";
    private static SubscriptionApi api;
    private static JsonHttp http;
    private static String key;
    private static String subscription;

    @BeforeAll
    static void start() {
        api = TestApi.start(TestApi.config(TestApi.kafka("strict")));
        http = TestApi.client(api.port());
        key = TestApi.tenant(http, "acme");
        Answer created = http.post("/v1/subscriptions", key, VALID);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        subscription = created.json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static List<String> subscriptions() {
        Answer list = http.get("/v1/subscriptions", key);
        assertThat(list.status()).isEqualTo(200);
        return list.json().get("data").findValuesAsText("name");
    }

    /** Asserts a problem naming {@code fields} (none for a 400 without field errors) and that no subscription changed. */
    private static void assertRefused(Answer reply, int status, String... fields) {
        List<String> before = subscriptions();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(reply.errorFields()).as(reply.toString()).containsExactly(fields);
        assertThat(reply.body()).doesNotContain("Numeric value", "Jackson", "FAIL_ON");
        assertThat(subscriptions()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s%s", "%s %s", "%s x", "%s]", "%s\n{}"})
    void shouldRefuseAnythingButWhitespaceAfterTheOneJsonValue(String shape) {
        assertRefused(http.post("/v1/subscriptions", key, shape.formatted(VALID, VALID)), 400);
        assertRefused(http.patch("/v1/subscriptions/" + subscription, key, shape.formatted("{\"name\":\"a\"}", "{\"name\":\"b\"}")), 400);
        assertRefused(http.post("/v1/event-types", key, shape.formatted("{\"name\":\"a.b\"}", "{\"name\":\"c.d\"}")), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "a\\udc00", "\\u0000", "two\\nlines", "bell\\u0007", "sep\\u2028"})
    void shouldRefuseControlCharactersAndUnpairedSurrogatesInNamesNamingTheField(String text) {
        assertRefused(http.post("/v1/subscriptions", key, VALID.replace("\"name\":\"n\"", "\"name\":\"" + text + "\"")), 422, "name");
        assertRefused(http.patch("/v1/subscriptions/" + subscription, key, "{\"name\":\"" + text + "\"}"), 422, "name");
        assertRefused(http.post("/v1/event-types", key, "{\"name\":\"a" + text + "\"}"), 422, "name");
        assertRefused(http.post("/v1/admin/tenants", TestApi.ADMIN_KEY, "{\"id\":\"other\",\"name\":\"" + text + "\"}"), 422, "name");
        assertRefused(http.post("/v1/admin/tenants/acme/keys", TestApi.ADMIN_KEY, "{\"name\":\"" + text + "\"}"), 422, "name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"timeoutSeconds\":1.5", "\"timeoutSeconds\":\"10\"", "\"rateLimitPerSecond\":\"10\"", "\"rateLimitPerSecond\":2e1",
            "\"enabled\":\"true\"", "\"enabled\":1", "\"timeoutSeconds\":99999999999", "\"rateLimitPerSecond\":-99999999999",
            "\"timeoutSeconds\":1e400", "\"timeoutSeconds\":1e-400", "\"rateLimitPerSecond\":-4e-330"})
    void shouldRefuseNumbersAndBooleansThatAreNotExactlyWhatTheFieldTakesNamingIt(String field) {
        String name = field.substring(1, field.indexOf('"', 1));
        assertRefused(http.post("/v1/subscriptions", key, VALID.replace("}", "," + field + "}")), 422, name);
        assertRefused(http.patch("/v1/subscriptions/" + subscription, key, "{" + field + "}"), 422, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "\"10\"", "1e400", "99999999999999999999"})
    void shouldRefuseAnOverlapThatIsNotAWholeNumberOfSeconds(String overlap) {
        Answer rotated = http.post("/v1/subscriptions/" + subscription + "/secret/rotate", key, "{\"overlapSeconds\":" + overlap + "}");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(422);
        assertThat(rotated.errorFields()).containsExactly("overlapSeconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-400", "-1e-400", "4e-330"})
    void shouldRefuseANumberThatUnderflowsToZeroAnywhereInABodyNamingIt(String number) {
        assertRefused(http.post("/v1/event-types", key, "{\"name\":\"a.b\",\"examples\":[{\"total\":" + number + "}]}"), 422,
                "examples[0].total");
        assertRefused(http.post("/v1/subscriptions/" + subscription + "/test", key, "{\"eventType\":\"reportCreated\",\"data\":{\"n\":"
                + number + "}}"), 422, "data.n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "0e5", "-0", "-0.0"})
    void shouldKeepANumberWrittenAsZero(String number) {
        Answer accepted = http.post("/v1/event-types", key, "{\"name\":\"zero.n" + number.replaceAll("[^0-9e]", "x")
                + "\",\"examples\":[{\"total\":" + number + "}]}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json().at("/examples/0/total").asDouble()).isZero();
    }

    @Test
    void shouldAnswer405WithAllowWhenTheMethodIsWrongOnAKnownPath() {
        Answer collection = http.send("PUT", "/v1/subscriptions", key, "{}", Map.of());
        assertThat(collection.status()).as(collection.toString()).isEqualTo(405);
        assertThat(collection.header("Allow")).hasValueSatisfying(allow -> assertThat(allow.split(",\\s*")).contains("GET", "POST"));
        assertThat(collection.header("Content-Type")).get().asString().startsWith("application/problem+json");

        Answer one = http.send("POST", "/v1/subscriptions/" + subscription, key, "{}", Map.of());
        assertThat(one.status()).as(one.toString()).isEqualTo(405);
        assertThat(one.header("Allow")).hasValueSatisfying(allow -> assertThat(allow.split(",\\s*")).contains("GET", "PATCH", "DELETE"));
        assertThat(http.get("/v1/no-such-route", key).status()).isEqualTo(404);
    }
}
