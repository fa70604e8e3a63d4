package dev.hooklane.subscriptions.filters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.subscriptions.testing.TestApi;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Filters over HTTP against a real broker: the {@code filter} of subscriptions and of seed 003's
 * webhook configurations (conditions, expression, both), compiled when written, and
 * {@code POST /v1/filters/test}.
 */
@Tag("kafka")
class FilterRoutesTest {

    private static final String EXPRESSION = "data.amount > 1000 && data.currency in ['EUR', 'USD']";
    private static SubscriptionApi api;
    private static JsonHttp http;
    private static String acme;

    @BeforeAll
    static void start() {
        api = TestApi.start(TestApi.config(TestApi.kafka("filters")));
        http = TestApi.client(api.port());
        acme = TestApi.tenant(http, "acme");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static Answer create(String filter) {
        return http.post("/v1/subscriptions", acme, "{\"url\":\"https://hooks.example/in\",\"eventTypes\":[\"order.*\"],\"filter\":" + filter + "}");
    }

    private static Answer test(String body) {
        return http.post("/v1/filters/test", acme, body);
    }

    private static String message(Answer reply, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.errorFields()).as(reply.toString()).contains(field);
        for (JsonNode error : reply.json().get("errors")) {
            if (error.get("field").asText().equals(field)) {
                return error.get("message").asText();
            }
        }
        throw new AssertionError("no error on " + field);
    }

    @Test
    void shouldStoreAndShowAnExpressionBesideTheConditions() {
        Answer created = create("{\"conditions\":[{\"attribute\":\"data.customer.country\",\"values\":[\"FR\"]}],\"expression\":\"" + EXPRESSION + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        JsonNode read = http.get("/v1/subscriptions/" + id, acme).json().get("filter");
        assertThat(read.get("expression").asText()).isEqualTo(EXPRESSION);
        assertThat(read.at("/conditions/0/attribute").asText()).isEqualTo("data.customer.country");

        Answer conditionsOnly = create("[{\"attribute\":\"data.customer.country\",\"values\":[\"FR\"]}]");
        assertThat(conditionsOnly.json().get("filter").toString()).isEqualTo("[{\"attribute\":\"data.customer.country\",\"values\":[\"FR\"]}]");
    }

    @Test
    void shouldPatchTheExpressionAndTheConditionsApart() {
        String id = create("[{\"attribute\":\"subject\",\"values\":[\"s-1\"]}]").json().get("id").asText();

        Answer added = http.patch("/v1/subscriptions/" + id, acme, "{\"filter\":{\"expression\":\"has(data.vip)\"}}");
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().get("filter").toString())
                .isEqualTo("{\"conditions\":[{\"attribute\":\"subject\",\"values\":[\"s-1\"]}],\"expression\":\"has(data.vip)\"}");

        Answer refused = http.patch("/v1/subscriptions/" + id, acme, "{\"filter\":{\"expression\":\"has(data.vip) &&\"}}");
        assertThat(message(refused, "filter.expression")).startsWith("line 1, column 17: mismatched input");
        assertThat(http.get("/v1/subscriptions/" + id, acme).json().at("/filter/expression").asText()).isEqualTo("has(data.vip)");

        Answer removed = http.patch("/v1/subscriptions/" + id, acme, "{\"filter\":{\"expression\":null}}");
        assertThat(removed.json().get("filter").toString()).isEqualTo("[{\"attribute\":\"subject\",\"values\":[\"s-1\"]}]");
        Answer replaced = http.patch("/v1/subscriptions/" + id, acme, "{\"filter\":[{\"attribute\":\"source\",\"values\":[\"/shop\"]}]}");
        assertThat(replaced.json().get("filter").toString()).isEqualTo("[{\"attribute\":\"source\",\"values\":[\"/shop\"]}]");
    }

    @Test
    void shouldRefuseAnExpressionThatDoesNotCompileAndStoreNothing() {
        int before = http.get("/v1/subscriptions", acme).json().get("data").size();
        assertThat(message(create("{\"expression\":\"data.amount >\"}"), "filter.expression"))
                .startsWith("line 1, column 14: mismatched input '<EOF>'");
        assertThat(message(create("{\"expression\":\"type > 5\"}"), "filter.expression"))
                .startsWith("line 1, column 6: found no matching overload for '_>_' applied to '(string, int)'");
        assertThat(create("{\"expression\":\"data.amount > 1\",\"op\":\"and\"}").errorFields()).containsExactly("filter.op");
        assertThat(http.get("/v1/subscriptions", acme).json().get("data").size()).isEqualTo(before);
    }

    @Test
    void shouldSayWhetherAnEventMatchesAndWhy() {
        String filter = "{\"conditions\":[{\"attribute\":\"data.customer.region\",\"values\":[\"eu\"]}],\"expression\":\"" + EXPRESSION + "\"}";
        Answer matched = test("{\"filter\":" + filter + ",\"event\":{\"type\":\"order.created\",\"subject\":\"o-1\","
                + "\"data\":{\"amount\":1500,\"currency\":\"EUR\",\"customer\":{\"region\":\"eu\"}}}}");
        assertThat(matched.status()).as(matched.toString()).isEqualTo(200);
        assertThat(matched.json().get("matched").asBoolean()).isTrue();
        assertThat(matched.json().at("/results/0/outcome").asText()).isEqualTo("matched");
        assertThat(matched.json().at("/results/0/event/subject").asText()).isEqualTo("o-1");

        Map<String, String> cases = Map.of(
                "{\"amount\":1500,\"currency\":\"EUR\",\"customer\":{\"region\":\"apac\"}}", "condition-failed",
                "{\"amount\":10,\"currency\":\"EUR\",\"customer\":{\"region\":\"eu\"}}", "expression-false",
                "{\"currency\":\"EUR\",\"customer\":{\"region\":\"eu\"}}", "expression-error");
        cases.forEach((data, outcome) -> {
            Answer reply = test("{\"filter\":" + filter + ",\"event\":{\"type\":\"order.created\",\"data\":" + data + "}}");
            assertThat(reply.json().get("matched").asBoolean()).as(data).isFalse();
            assertThat(reply.json().at("/results/0/outcome").asText()).as(data).isEqualTo(outcome);
        });
        Answer missing = test("{\"filter\":" + filter + ",\"event\":{\"type\":\"order.created\",\"data\":{\"customer\":{\"region\":\"eu\"}}}}");
        assertThat(missing.json().at("/results/0/reason").asText()).contains("key 'amount' is not present");

        StringBuilder numbers = new StringBuilder("0");
        for (int i = 1; i < 500; i++) {
            numbers.append(',').append(i);
        }
        Answer heavy = test("{\"filter\":{\"expression\":\"data.n.all(x, data.n.all(y, true))\"},\"event\":{\"type\":\"t\",\"data\":{\"n\":["
                + numbers + "]}}}");
        assertThat(heavy.json().at("/results/0/outcome").asText()).isEqualTo("cost-exceeded");
    }

    @Test
    void shouldTestTheSamplesOfAnEventType() {
        Answer big = test("{\"filter\":{\"expression\":\"data.amount > 10000 && data.currency == 'EUR'\"},\"eventType\":\"NewDeal\"}");
        assertThat(big.status()).as(big.toString()).isEqualTo(200);
        assertThat(big.json().get("samples").asText()).isEqualTo("examples");
        assertThat(big.json().get("matched").asBoolean()).isTrue();
        assertThat(big.json().at("/results/0/event/data/code").asText()).isEqualTo("A2026-0087");
        Answer small = test("{\"filter\":[{\"attribute\":\"data.currency\",\"values\":[\"USD\"]}],\"eventType\":\"NewDeal\"}");
        assertThat(small.json().get("matched").asBoolean()).isFalse();
        assertThat(small.json().at("/results/0/reason").asText()).isEqualTo("the condition on data.currency does not hold: data.currency is \"EUR\", not one of [USD]");
    }

    @Test
    void shouldRefuseABadFilterTest() {
        assertThat(message(test("{\"filter\":{\"expression\":\"data.x ==\"},\"eventType\":\"NewDeal\"}"), "filter.expression"))
                .startsWith("line 1, column");
        assertThat(test("{\"event\":{\"type\":\"t\"}}").errorFields()).containsExactly("filter");
        assertThat(test("{\"filter\":[],\"event\":{\"type\":\"t\"},\"eventType\":\"NewDeal\"}").errorFields()).containsExactly("event");
        assertThat(test("{\"filter\":[]}").errorFields()).containsExactly("event");
        assertThat(test("{\"filter\":[],\"event\":{\"type\":\"t\",\"time\":\"yesterday\",\"tenant\":\"globex\"}}").errorFields())
                .containsExactlyInAnyOrder("event.time", "event.tenant");
        assertThat(test("{\"filter\":[],\"event\":{\"data\":{}}}").errorFields()).containsExactly("event.type");
        assertThat(test("{\"filter\":[],\"eventType\":\"noSuchType\"}").status()).isEqualTo(404);
        assertThat(http.post("/v1/filters/test", TestApi.ADMIN_KEY, "{\"filter\":[],\"eventType\":\"NewDeal\"}").status()).isEqualTo(403);
    }

    @Test
    void shouldCarryAnExpressionOnAWebhookConfiguration() {
        Map<String, String> apim = Map.of("Ocp-Apim-Subscription-Key", acme);
        String config = "{\"whname\":\"n\",\"whcomment\":\"c\",\"applicationId\":\"app-1\",\"municipalityId\":\"mun-1\","
                + "\"callbackUrl\":\"https://portal.example/cb\",\"processes\":[\"parking-permit\"]";
        Answer created = http.send("POST", "/webhookconfig", null, config + ",\"filter\":{\"expression\":\"data.status == 'approved'\"}}", apim);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String whid = created.json().get("whid").asText();
        assertThat(created.json().at("/filter/expression").asText()).isEqualTo("data.status == 'approved'");
        JsonNode subscription = http.get("/v1/subscriptions/" + whid, acme).json().get("filter");
        assertThat(subscription.get("conditions").findValuesAsText("attribute"))
                .containsExactly("data.applicationId", "data.municipalityId", "data.processId");

        assertThat(message(http.send("POST", "/webhookconfig", null, config + ",\"filter\":{\"expression\":\"data.status ==\"}}", apim),
                "filter.expression")).startsWith("line 1, column");
        assertThat(http.send("POST", "/webhookconfig", null, config + ",\"filter\":{\"conditions\":[]}}", apim).errorFields())
                .containsExactly("filter");

        Answer patched = http.send("PATCH", "/webhookconfig?whid=" + whid, null, config + "}", apim);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().has("filter")).isFalse();
        assertThat(http.get("/v1/subscriptions/" + whid, acme).json().get("filter").isArray()).isTrue();
    }
}
