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

/**
 * The seed products' calls exactly as their documentation writes them, quoted above each test: a
 * client written for seed 002 (Weavy entry points) or seed 003 (the portal's webhookconfig) works
 * here by changing only the host.
 */
@Tag("kafka")
class SeedDocumentedCallsTest {

    private static final String ENTRY_POINTS = "/v1/EntryPoints/PRJ-4711/process/?c=";
    private static final String CONFIG = "{\"whname\":\"Your Webhook Name\",\"whcomment\":\"short comment on the webhook\","
            + "\"applicationId\":\"d0db4b13-20d4-42c3-8268-37db22b36f98\",\"municipalityId\":\"d0db4b13-20d4-42c3-8268-37db22b36f98\","
            + "\"callbackUrl\":\"https://yourdomain.com/send/callback/here\",\"processes\":[\"%s\"]}";

    private static SubscriptionApi api;
    private static JsonHttp http;
    private static String weavy;
    private static String portal;

    @BeforeAll
    static void start() {
        api = TestApi.start(TestApi.config(TestApi.kafka("seedcalls")));
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

    private static String created(String process) {
        Answer created = apim("POST", "/webhookconfig", CONFIG.formatted(process));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("whid").asText();
    }

    /*
     * Seed 002: "il suffit d'appeler le endpoint EPT_WebhookSubscribe
     * ( https://api.weavy.divalto.com/v1/EntryPoints/{{projectCode}}/process/?c=EPT_WebhookSubscribe ) avec un Bearer token
     * [...] et un body composé de { "event": "myEvent", "hookUrl": "callbackExternalUrl" }";
     * "Le endpoint va renvoyer [...] { "result": { "codeWebhookSubscription": "mySubscriptionCode" } }".
     */
    @Test
    void shouldSubscribeThroughTheSeedsEntryPointAsTheRestHookRouteDoes() {
        Answer subscribed = http.post(ENTRY_POINTS + "EPT_WebhookSubscribe", weavy,
                "{ \"event\": \"NewCustomer\", \"hookUrl\": \"https://hooks.example/weavy?id=9\" }");
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        assertThat(subscribed.body()).matches("\\{\"result\":\\{\"codeWebhookSubscription\":\"sub_[A-Za-z0-9_-]+\"}}");
        String code = subscribed.json().at("/result/codeWebhookSubscription").asText();
        JsonNode subscription = http.get("/v1/subscriptions/" + code, weavy).json();
        assertThat(subscription.get("url").asText()).isEqualTo("https://hooks.example/weavy?id=9");
        assertThat(subscription.get("eventTypes").toString()).isEqualTo("[\"NewCustomer\"]");
        assertThat(subscription.get("format").asText()).isEqualTo("data");
        assertThat(subscription.get("metadata").toString()).isEqualTo("{\"origin\":\"rest-hooks\"}");
    }

    /*
     * Seed 002: "Pour se désabonner, le principe est le même en appelant le endpoint EPT_WebhookUnsubscribe en spécifiant
     * le code récupéré lors de l'abonnement à l'évènement : { "codeWebhookSubscription": "mySubscriptionCode" }".
     */
    @Test
    void shouldUnsubscribeThroughTheSeedsEntryPointByTheCode() {
        String code = http.post(ENTRY_POINTS + "EPT_WebhookSubscribe", weavy, "{\"event\":\"NewDeal\",\"hookUrl\":\"https://hooks.example/deal\"}")
                .json().at("/result/codeWebhookSubscription").asText();
        assertThat(http.post(ENTRY_POINTS + "EPT_WebhookUnsubscribe", portal, "{ \"codeWebhookSubscription\": \"" + code + "\" }").status())
                .isEqualTo(404);
        Answer unsubscribed = http.post(ENTRY_POINTS + "EPT_WebhookUnsubscribe", weavy, "{ \"codeWebhookSubscription\": \"" + code + "\" }");
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(unsubscribed.body()).isEqualTo("{\"result\":{\"codeWebhookSubscription\":\"" + code + "\"}}");
        assertThat(http.get("/v1/subscriptions/" + code, weavy).status()).isEqualTo(404);
        assertThat(http.post(ENTRY_POINTS + "EPT_WebhookUnsubscribe", weavy, "{\"codeWebhookSubscription\":\"" + code + "\"}").status())
                .isEqualTo(404);
    }

    /*
     * Seed 002: "EPT_WebhookPerformList, qui est utilisé par un service distant pour récupérer des échantillons de données de
     * test tels qu'ils seront envoyés par le hook, [...] sans avoir à déclencher l'évènement manuellement."
     */
    @Test
    void shouldPerformListThroughTheSeedsEntryPointAsTheRestHookRouteDoes() {
        Answer posted = http.post(ENTRY_POINTS + "EPT_WebhookPerformList", weavy, "{\"event\":\"NewDeal\"}");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo(http.post("/v1/rest-hooks/perform-list", weavy, "{\"event\":\"NewDeal\"}").body());
        assertThat(posted.json().at("/result/0/code").asText()).isEqualTo("A2026-0087");
        assertThat(http.get(ENTRY_POINTS + "EPT_WebhookPerformList&event=NewDeal", weavy).body()).isEqualTo(posted.body());
    }

    @Test
    void shouldRefuseAnUnknownEntryPointWithAProblemNamingCAndChangeNothing() {
        String before = http.get("/v1/subscriptions?limit=100", weavy).body();
        String body = "{\"event\":\"NewCustomer\",\"hookUrl\":\"https://hooks.example/x\"}";
        Answer unknown = http.post(ENTRY_POINTS + "EPT_WebhookSubscrib", weavy, body);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.header("content-type")).get().asString().startsWith("application/problem+json");
        assertThat(unknown.errorFields()).containsExactly("c");
        assertThat(unknown.json().at("/errors/0/message").asText()).contains("EPT_WebhookSubscribe", "EPT_WebhookUnsubscribe", "EPT_WebhookPerformList");
        assertThat(http.post("/v1/EntryPoints/PRJ-4711/process/", weavy, body).errorFields()).containsExactly("c");
        Answer wrongMethod = http.get(ENTRY_POINTS + "EPT_WebhookSubscribe", weavy);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).contains("POST");
        assertThat(http.post(ENTRY_POINTS + "EPT_WebhookSubscribe", null, body).status()).isEqualTo(401);
        assertThat(http.get("/v1/subscriptions?limit=100", weavy).body()).isEqualTo(before);
    }

    /*
     * Seed 003: "get /webhookconfig — This action retrieves a list of configured webhooks" (whid not given).
     */
    @Test
    void shouldListEveryWebhookConfigurationWhenNoWhidIsGiven() {
        String first = created("list-a");
        String second = created("list-b");
        Answer all = apim("GET", "/webhookconfig", null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().isArray()).isTrue();
        assertThat(all.json().findValuesAsText("whid")).contains(first, second);
        assertThat(http.send("GET", "/webhookconfig", null, null, Map.of("Ocp-Apim-Subscription-Key", weavy)).json().findValuesAsText("whid"))
                .doesNotContain(first, second);
    }

    /*
     * Seed 003: "Retrieve all or a specific webhook configurations [...] This action retrieves a list of configured webhooks
     * [...] whid string Optional: pass an optional webhook configuration id to retrieve a selected configuration".
     */
    @Test
    void shouldAnswerAListOfTheSelectedConfigurationWhenAWhidIsGiven() {
        String whid = created("selected");
        Answer selected = apim("GET", "/webhookconfig?whid=" + whid, null);
        assertThat(selected.status()).isEqualTo(200);
        assertThat(selected.json().isArray()).isTrue();
        assertThat(selected.json().size()).isEqualTo(1);
        assertThat(selected.json().get(0).get("whid").asText()).isEqualTo(whid);
        assertThat(selected.json().get(0).get("processes").toString()).isEqualTo("[\"selected\"]");
        assertThat(selected.json().get(0).has("secret")).isFalse();
        assertThat(apim("GET", "/webhookconfig?whid=sub_unknown", null).body()).isEqualTo("[]");
        assertThat(http.send("GET", "/webhookconfig?whid=" + whid, null, null, Map.of("Ocp-Apim-Subscription-Key", weavy)).body()).isEqualTo("[]");
        assertThat(apim("GET", "/webhookconfig?whid=", null).errorFields()).containsExactly("whid");
    }

    /*
     * Seed 003: "post /webhookconfig — This endpoint allows you to create a new webhook. [...] Body whname string Required
     * [...] whcomment [...] applicationId [...] municipalityId [...] callbackUrl string · uri Required [...] processes string[]
     * Required".
     */
    @Test
    void shouldCreateAWebhookConfigurationFromTheSeedsExampleBody() {
        Answer created = apim("POST", "/webhookconfig", CONFIG.formatted("create"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode config = created.json();
        assertThat(config.get("whid").asText()).startsWith("sub_");
        assertThat(config.get("whname").asText()).isEqualTo("Your Webhook Name");
        assertThat(config.get("whcomment").asText()).isEqualTo("short comment on the webhook");
        assertThat(config.get("callbackUrl").asText()).isEqualTo("https://yourdomain.com/send/callback/here");
        assertThat(config.get("secret").asText()).startsWith("whsec_");
        Answer missing = apim("POST", "/webhookconfig", "{\"whname\":\"Your Webhook Name\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.errorFields()).containsExactlyInAnyOrder("whcomment", "applicationId", "municipalityId", "callbackUrl", "processes");
    }

    /*
     * Seed 003: "patch /webhookconfig — This endpoint allows you to update a webhook. [...] Query parameters whid string
     * Required: pass a webhook configuration id to update a selected configuration", with the same required body.
     */
    @Test
    void shouldUpdateTheConfigurationTheWhidSelects() {
        String whid = created("before-update");
        Answer updated = apim("PATCH", "/webhookconfig?whid=" + whid, CONFIG.formatted("after-update").replace("Your Webhook Name", "Renamed"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("whid").asText()).isEqualTo(whid);
        assertThat(updated.json().get("whname").asText()).isEqualTo("Renamed");
        assertThat(updated.json().get("processes").toString()).isEqualTo("[\"after-update\"]");
        assertThat(apim("PATCH", "/webhookconfig", CONFIG.formatted("x")).errorFields()).containsExactly("whid");
        assertThat(apim("PATCH", "/webhookconfig?whid=sub_unknown", CONFIG.formatted("x")).status()).isEqualTo(404);
        assertThat(apim("PATCH", "/webhookconfig?whid=" + whid, "{\"whname\":\"only a name\"}").status()).isEqualTo(422);
        assertThat(apim("GET", "/webhookconfig?whid=" + whid, null).json().get(0).get("whname").asText()).isEqualTo("Renamed");
    }

    /*
     * Seed 003: "delete /webhookconfig — This action deletes a specific webhook [...] Query parameters whid string Required
     * [...] Responses delete /webhookconfig No content".
     */
    @Test
    void shouldDeleteTheConfigurationTheWhidSelectsWithNoContent() {
        String whid = created("delete");
        Answer deleted = apim("DELETE", "/webhookconfig?whid=" + whid, null);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(apim("GET", "/webhookconfig?whid=" + whid, null).body()).isEqualTo("[]");
        assertThat(apim("DELETE", "/webhookconfig?whid=" + whid, null).status()).isEqualTo(404);
        assertThat(apim("DELETE", "/webhookconfig", null).errorFields()).containsExactly("whid");
    }
}
