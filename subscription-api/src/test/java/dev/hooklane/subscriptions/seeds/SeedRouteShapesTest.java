package dev.hooklane.subscriptions.seeds;

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

/** Seed 002's REST hooks and seed 003's webhookconfig, with their exact request and answer shapes. */
@Tag("kafka")
class SeedRouteShapesTest {

    private static SubscriptionApi api;
    private static JsonHttp http;
    private static String weavy;
    private static String portal;

    @BeforeAll
    static void start() {
        api = TestApi.start(TestApi.config(TestApi.kafka("seedshapes")));
        http = TestApi.client(api.port());
        weavy = TestApi.tenant(http, "weavy");
        portal = TestApi.tenant(http, "portal");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static Answer apim(String method, String path, String body) {
        return http.send(method, path, null, body, Map.of("Ocp-Apim-Subscription-Key", portal));
    }

    @Test
    void shouldSubscribeAndUnsubscribeARestHookByItsCode() {
        Answer subscribed = http.post("/v1/rest-hooks/subscribe", weavy, "{\"event\":\"NewCustomer\",\"hookUrl\":\"https://hooks.example/zap?id=7\"}");
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        JsonNode body = subscribed.json();
        assertThat(body.fieldNames()).toIterable().containsExactly("result");
        assertThat(body.get("result").fieldNames()).toIterable().containsExactly("codeWebhookSubscription");
        String code = body.at("/result/codeWebhookSubscription").asText();

        JsonNode subscription = http.get("/v1/subscriptions/" + code, weavy).json();
        assertThat(subscription.get("url").asText()).isEqualTo("https://hooks.example/zap?id=7");
        assertThat(subscription.get("eventTypes").get(0).asText()).isEqualTo("NewCustomer");
        assertThat(subscription.get("format").asText()).isEqualTo("data");

        assertThat(http.post("/v1/rest-hooks/unsubscribe", portal, "{\"codeWebhookSubscription\":\"" + code + "\"}").status()).isEqualTo(404);
        Answer unsubscribed = http.post("/v1/rest-hooks/unsubscribe", weavy, "{\"codeWebhookSubscription\":\"" + code + "\"}");
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(unsubscribed.json().at("/result/codeWebhookSubscription").asText()).isEqualTo(code);
        assertThat(http.get("/v1/subscriptions/" + code, weavy).status()).isEqualTo(404);
        assertThat(http.post("/v1/rest-hooks/unsubscribe", weavy, "{\"codeWebhookSubscription\":\"" + code + "\"}").status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseABadRestHookWithTheSeedsFieldNames() {
        Answer refused = http.post("/v1/rest-hooks/subscribe", weavy, "{\"event\":\"NewCustomer\",\"hookUrl\":\"http://hooks.example/plain\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactly("hookUrl");
        assertThat(http.post("/v1/rest-hooks/subscribe", weavy, "{\"event\":\"NoSuchEvent\",\"hookUrl\":\"https://hooks.example/\"}").errorFields())
                .containsExactly("event");
        assertThat(http.post("/v1/rest-hooks/subscribe", weavy, "{\"hookUrl\":\"https://hooks.example/\"}").errorFields()).containsExactly("event");
        assertThat(http.post("/v1/rest-hooks/unsubscribe", weavy, "{}").errorFields()).containsExactly("codeWebhookSubscription");
        assertThat(http.post("/v1/rest-hooks/subscribe", null, "{\"event\":\"NewCustomer\",\"hookUrl\":\"https://hooks.example/\"}").status())
                .isEqualTo(401);
    }

    @Test
    void shouldPerformListSampleDataOfAnEventWithoutTriggeringIt() {
        Answer posted = http.post("/v1/rest-hooks/perform-list", weavy, "{\"event\":\"NewDeal\"}");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.json().get("result").isArray()).isTrue();
        assertThat(posted.json().at("/result/0/code").asText()).isEqualTo("A2026-0087");
        Answer queried = http.get("/v1/rest-hooks/perform-list?event=NewDeal", weavy);
        assertThat(queried.body()).isEqualTo(posted.body());
        assertThat(http.get("/v1/rest-hooks/perform-list?event=Nope", weavy).errorFields()).containsExactly("event");
    }

    @Test
    void shouldCreateReadUpdateAndDeleteAWebhookConfiguration() {
        Answer created = apim("POST", "/webhookconfig", "{\"whname\":\"Permits\",\"whcomment\":\"parking permits of Springfield\","
                + "\"applicationId\":\"app-1\",\"municipalityId\":\"mun-1\",\"callbackUrl\":\"https://portal.example/send/callback/here\","
                + "\"processes\":[\"parking-permit\",\"bin-request\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode config = created.json();
        String whid = config.get("whid").asText();
        assertThat(config.get("whname").asText()).isEqualTo("Permits");
        assertThat(config.get("processes").toString()).isEqualTo("[\"parking-permit\",\"bin-request\"]");
        assertThat(config.get("secret").asText()).startsWith("whsec_");

        JsonNode subscription = http.get("/v1/subscriptions/" + whid, portal).json();
        assertThat(subscription.get("eventTypes").toString()).isEqualTo("[\"processStatusUpdated\"]");
        assertThat(subscription.get("filter").toString()).isEqualTo("[{\"attribute\":\"data.applicationId\",\"values\":[\"app-1\"]},"
                + "{\"attribute\":\"data.municipalityId\",\"values\":[\"mun-1\"]},"
                + "{\"attribute\":\"data.processId\",\"values\":[\"parking-permit\",\"bin-request\"]}]");

        Answer one = apim("GET", "/webhookconfig?whid=" + whid, null);
        assertThat(one.json().get(0).get("callbackUrl").asText()).isEqualTo("https://portal.example/send/callback/here");
        assertThat(one.json().get(0).has("secret")).isFalse();
        assertThat(apim("GET", "/webhookconfig", null).json().findValuesAsText("whid")).contains(whid);

        Answer updated = apim("PATCH", "/webhookconfig?whid=" + whid, "{\"whname\":\"Permits v2\",\"whcomment\":\"only parking\","
                + "\"applicationId\":\"app-1\",\"municipalityId\":\"mun-2\",\"callbackUrl\":\"https://portal.example/v2\",\"processes\":[\"parking-permit\"]}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("municipalityId").asText()).isEqualTo("mun-2");
        assertThat(updated.json().get("processes").toString()).isEqualTo("[\"parking-permit\"]");
        assertThat(updated.json().get("whid").asText()).isEqualTo(whid);

        assertThat(http.send("GET", "/webhookconfig?whid=" + whid, null, null, Map.of("Ocp-Apim-Subscription-Key", weavy)).body()).isEqualTo("[]");
        assertThat(apim("DELETE", "/webhookconfig?whid=" + whid, null).status()).isEqualTo(204);
        assertThat(apim("GET", "/webhookconfig?whid=" + whid, null).body()).isEqualTo("[]");
    }

    @Test
    void shouldRequireEveryWebhookConfigurationFieldAndChangeNothing() {
        Answer refused = apim("POST", "/webhookconfig", "{\"whname\":\"\",\"callbackUrl\":\"https://portal.example/cb\",\"processes\":[]}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("whname", "whcomment", "applicationId", "municipalityId", "processes");
        Answer badUrl = apim("POST", "/webhookconfig", "{\"whname\":\"n\",\"whcomment\":\"c\",\"applicationId\":\"a\",\"municipalityId\":\"m\","
                + "\"callbackUrl\":\"https://user:pw@portal.example/cb\",\"processes\":[\"p\"]}");
        assertThat(badUrl.errorFields()).containsExactly("callbackUrl");
        assertThat(apim("PATCH", "/webhookconfig", "{}").errorFields()).containsExactly("whid");
        assertThat(apim("DELETE", "/webhookconfig", null).errorFields()).containsExactly("whid");
        assertThat(apim("GET", "/webhookconfig", null).json().findValuesAsText("whname")).doesNotContain("n", "");
    }
}
