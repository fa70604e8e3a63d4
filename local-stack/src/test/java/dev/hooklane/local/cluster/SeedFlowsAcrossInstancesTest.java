package dev.hooklane.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The four seed products' main flows on two instances of every service: each step goes through the
 * other API instance than the step before, events are posted to both ingests, and every delivery
 * reaches the receiver signed with the secret an instance other than the one that made it shows.
 */
@Tag("kafka")
class SeedFlowsAcrossInstancesTest {

    private static TwoOfEach pipeline;
    private static JsonHttp http;
    private static PipelineService apiA;
    private static PipelineService apiB;
    private static PipelineService ingestA;
    private static PipelineService ingestB;

    @BeforeAll
    static void start() {
        pipeline = TwoOfEach.get();
        http = pipeline.http();
        apiA = pipeline.api().a();
        apiB = pipeline.api().b();
        ingestA = pipeline.ingest().a();
        ingestB = pipeline.ingest().b();
    }

    private static String url(String path) {
        return pipeline.receiver().url(path);
    }

    @Test
    void shouldDeliverEachKeyclicEventTypeToEveryWebhookOfItWhenWebhooksAreMadeChangedAndDeletedAtDifferentInstances() {
        String key = pipeline.tenant("keyclic-twice");
        String warehouseId = webhook(apiA, key, "/keyclic2/warehouse?site=42");
        String cmmsId = webhook(apiB, key, "/keyclic2/cmms?site=42");
        String goneId = webhook(apiB, key, "/keyclic2/gone");

        Answer read = pipeline.awaitStatus(apiB.url("/v1/subscriptions/" + warehouseId), key, 200);
        assertThat(read.json().get("url").asText()).isEqualTo(url("/keyclic2/warehouse?site=42"));
        Answer patched = http.patch(apiB.url("/v1/subscriptions/" + warehouseId), key, "{\"eventTypes\":[\"reportCreated\",\"reportStateChanged\"]}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        pipeline.awaitStatus(apiA.url("/v1/subscriptions/" + goneId), key, 200);
        assertThat(http.delete(apiA.url("/v1/subscriptions/" + goneId), key).status()).isEqualTo(204);
        pipeline.awaitStatus(apiB.url("/v1/subscriptions/" + goneId), key, 404);
        await(() -> http.get(apiA.url("/v1/subscriptions/" + warehouseId), key).json().path("eventTypes").size() == 2);

        String report = "{\"type\":\"Report\",\"id\":\"b0e7e28f\",\"state\":\"NEW\",\"_links\":{\"feedback\":{\"href\":\"/feedbacks/1\"}},"
                + "\"_embedded\":{\"tracking\":{\"state\":\"NEW\"}}}";
        String created = "{\"event\":\"reportCreated\",\"payload\":" + report + "}";
        String changed = "{\"event\":\"reportStateChanged\",\"payload\":{\"type\":\"Report\",\"id\":\"b0e7e28f\",\"state\":\"ACCEPTED\"}}";
        pipeline.post(ingestA, key, created);
        pipeline.post(ingestB, key, changed);

        List<ReceivedRequest> warehouse = pipeline.awaitRequests("/keyclic2/warehouse", 2);
        assertThat(warehouse).extracting(ReceivedRequest::bodyText).containsExactlyInAnyOrder(created, changed);
        assertThat(warehouse).allSatisfy(signedBy(secret(apiB.url("/v1/subscriptions/" + warehouseId + "/secret"), key)));
        List<ReceivedRequest> cmms = pipeline.awaitRequests("/keyclic2/cmms", 1);
        assertThat(cmms).extracting(ReceivedRequest::bodyText).containsExactly(created);
        assertThat(cmms).allSatisfy(signedBy(secret(apiA.url("/v1/subscriptions/" + cmmsId + "/secret"), key)));
        assertThat(pipeline.receiver().requests("/keyclic2/gone")).isEmpty();
    }

    private static String webhook(PipelineService api, String key, String path) {
        Answer created = http.post(api.url("/v1/subscriptions"), key,
                "{\"url\":\"" + url(path) + "\",\"eventTypes\":[\"reportCreated\"],\"format\":\"event-payload\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static Consumer<ReceivedRequest> signedBy(WebhookSecret secret) {
        return delivery -> {
            assertThat(delivery.signatureVerifies(secret)).as("signature of " + delivery.path()).isTrue();
            assertThat(delivery.query()).as("query of " + delivery.path()).contains("site=42");
        };
    }

    @Test
    void shouldDeliverTheProcessCompletionToTheEventsCallbackUrlSignedWithTheSecretTheOtherInstanceShows() {
        String key = pipeline.tenant("credas-twice");
        String completion = "{\"ProcessId\":\"1e144e85-f45b-4ae3-8915-ae2826ea1e55\",\"ClientId\":\"8c55ebc3-7ac2-469e-9837-94023aa82c3d\","
                + "\"Status\":2,\"StatusDescription\":\"The process is complete\"}";

        for (PipelineService ingest : List.of(ingestA, ingestB)) {
            pipeline.post(ingest, key, "{\"id\":\"proc-complete-" + ingest.name() + "\",\"type\":\"processComplete\",\"callbackUrl\":\""
                    + url("/credas2/updates?our-reference=1232323") + "\",\"data\":" + completion + "}");
        }

        List<ReceivedRequest> deliveries = pipeline.awaitRequests("/credas2/updates", 2);
        WebhookSecret secret = secret(apiB.url("/v1/tenant/callback-secret"), key);
        assertThat(deliveries).allSatisfy(delivery -> {
            assertThat(delivery.bodyText()).isEqualTo(completion);
            assertThat(delivery.query()).contains("our-reference=1232323");
            assertThat(delivery.signatureVerifies(secret)).isTrue();
        });
    }

    @Test
    void shouldRunTheRestHookFlowThroughTheSeedsEntryPointsWithEachCallAtTheOtherInstance() {
        String key = pipeline.tenant("weavy-twice");
        String process = "/v1/EntryPoints/PRJ001/process/?c=";
        Answer subscribed = http.post(apiA.url(process + "EPT_WebhookSubscribe"), key,
                "{ \"event\": \"NewCustomer\", \"hookUrl\": \"" + url("/weavy2/hook") + "\" }");
        assertThat(subscribed.body()).matches("\\{\"result\":\\{\"codeWebhookSubscription\":\"sub_[A-Za-z0-9_-]+\"}}");
        String code = subscribed.json().at("/result/codeWebhookSubscription").asText();
        Answer control = http.post(apiB.url(process + "EPT_WebhookSubscribe"), key,
                "{ \"event\": \"NewCustomer\", \"hookUrl\": \"" + url("/weavy2/control") + "\" }");
        assertThat(control.status()).as(control.toString()).isEqualTo(201);
        Answer samples = http.post(apiB.url(process + "EPT_WebhookPerformList"), key, "{\"event\":\"NewCustomer\"}");
        assertThat(samples.json().at("/result/0/code").asText()).isEqualTo("C000123");

        String customer = "{\"code\":\"C000777\",\"name\":\"Boulangerie Martin\",\"city\":\"Lyon\"}";
        pipeline.post(ingestA, key, "{\"type\":\"NewCustomer\",\"data\":" + customer + "}");
        ReceivedRequest delivery = pipeline.awaitRequests("/weavy2/hook", 1).get(0);
        assertThat(delivery.bodyText()).isEqualTo(customer);
        assertThat(delivery.signatureVerifies(secret(pipeline.awaitStatus(apiB.url("/v1/subscriptions/" + code + "/secret"), key, 200)))).isTrue();

        Answer unsubscribed = http.post(apiB.url(process + "EPT_WebhookUnsubscribe"), key, "{ \"codeWebhookSubscription\": \"" + code + "\" }");
        assertThat(unsubscribed.status()).as(unsubscribed.toString()).isEqualTo(200);
        pipeline.awaitStatus(apiA.url("/v1/subscriptions/" + code), key, 404);
        pipeline.post(ingestB, key, "{\"type\":\"NewCustomer\",\"data\":{\"code\":\"C000778\"}}");
        // The control hook's second delivery proves the second event was routed after the unsubscribe.
        assertThat(pipeline.awaitRequests("/weavy2/control", 2)).extracting(ReceivedRequest::bodyText).contains("{\"code\":\"C000778\"}");
        assertThat(pipeline.receiver().requests("/weavy2/hook")).hasSize(1);
    }

    @Test
    void shouldTriggerAWebhookConfigurationOnlyForItsProcessesWhenItIsMadeChangedAndDeletedAtDifferentInstances() {
        String key = pipeline.tenant("portal-twice");
        Map<String, String> apim = Map.of("Ocp-Apim-Subscription-Key", key);
        String callback = url("/portal2/callback");
        Answer created = http.send("POST", apiA.url("/webhookconfig"), null, config("Status updates", callback, "\"parking-permit\",\"bin-request\""), apim);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String whid = created.json().get("whid").asText();
        WebhookSecret secret = WebhookSecret.parse(created.json().get("secret").asText());
        await(() -> http.send("GET", apiB.url("/webhookconfig?whid=" + whid), null, null, apim).json().size() == 1);

        pipeline.post(ingestB, key, "[" + update("dog-licence", "approved") + "," + update("parking-permit", "approved") + "]");
        assertThat(pipeline.awaitRequests("/portal2/callback", 1).get(0).bodyText()).isEqualTo(body("parking-permit", "approved"));

        Answer patched = http.send("PATCH", apiB.url("/webhookconfig?whid=" + whid), null, config("Bins only", callback, "\"bin-request\""), apim);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        await(() -> http.send("GET", apiA.url("/webhookconfig?whid=" + whid), null, null, apim).json().path(0).path("whname").asText()
                .equals("Bins only"));
        pipeline.post(ingestA, key, "[" + update("parking-permit", "closed") + "," + update("bin-request", "closed") + "]");

        List<ReceivedRequest> deliveries = pipeline.awaitRequests("/portal2/callback", 2);
        assertThat(deliveries.get(1).bodyText()).isEqualTo(body("bin-request", "closed"));
        assertThat(deliveries).allMatch(request -> request.signatureVerifies(secret));
        assertThat(http.send("DELETE", apiA.url("/webhookconfig?whid=" + whid), null, null, apim).status()).isEqualTo(204);
        await(() -> http.send("GET", apiB.url("/webhookconfig"), null, null, apim).body().equals("[]"));
        assertThat(pipeline.receiver().requests("/portal2/callback")).hasSize(2);
    }

    private static String config(String name, String callback, String processes) {
        return "{\"whname\":\"" + name + "\",\"whcomment\":\"made in a test\",\"applicationId\":\"app-1\",\"municipalityId\":\"mun-1\","
                + "\"callbackUrl\":\"" + callback + "\",\"processes\":[" + processes + "]}";
    }

    private static String update(String process, String status) {
        return "{\"type\":\"processStatusUpdated\",\"subject\":\"citizen-42\",\"data\":" + body(process, status) + "}";
    }

    private static String body(String process, String status) {
        return "{\"applicationId\":\"app-1\",\"municipalityId\":\"mun-1\",\"processId\":\"" + process + "\",\"status\":\"" + status + "\"}";
    }

    private static WebhookSecret secret(String url, String key) {
        return secret(http.get(url, key));
    }

    private static WebhookSecret secret(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return WebhookSecret.parse(answer.json().get("secret").asText());
    }

    private static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(condition);
    }
}
