package dev.hooklane.local.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 (Weavy): REST hooks. Subscribe {@code {"event", "hookUrl"}} with a Bearer token, get
 * {@code {"result": {"codeWebhookSubscription"}}}, read sample data with perform-list, receive the
 * event data as the body, unsubscribe by code and receive nothing more.
 */
@Tag("kafka")
class Seed002WeavyTest {

    private static final String CUSTOMER = "{\"code\":\"C000777\",\"name\":\"Boulangerie Martin\",\"city\":\"Lyon\"}";

    @Test
    void shouldRunTheRestHookFlowWithItsExactShapes() {
        String key = SeedStack.tenant("weavy");
        String api = SeedStack.stack().apiUrl();
        Answer subscribed = SeedStack.send("POST", api + "/v1/rest-hooks/subscribe", SeedStack.bearer(key),
                "{\"event\":\"NewCustomer\",\"hookUrl\":\"" + SeedStack.receiver().url("/weavy/hook") + "\"}");
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        assertThat(subscribed.body()).matches("\\{\"result\":\\{\"codeWebhookSubscription\":\"sub_[A-Za-z0-9_-]+\"}}");
        String code = subscribed.json().at("/result/codeWebhookSubscription").asText();
        Answer control = SeedStack.send("POST", api + "/v1/rest-hooks/subscribe", SeedStack.bearer(key),
                "{\"event\":\"NewCustomer\",\"hookUrl\":\"" + SeedStack.receiver().url("/weavy/control") + "\"}");
        assertThat(control.status()).isEqualTo(201);

        Answer samples = SeedStack.send("POST", api + "/v1/rest-hooks/perform-list", SeedStack.bearer(key), "{\"event\":\"NewCustomer\"}");
        assertThat(samples.status()).isEqualTo(200);
        assertThat(samples.json().at("/result/0/code").asText()).isEqualTo("C000123");

        SeedStack.postEvent(key, "{\"type\":\"NewCustomer\",\"subject\":\"customers\",\"data\":" + CUSTOMER + "}");
        ReceivedRequest delivery = SeedStack.awaitRequests("/weavy/hook", 1).get(0);
        assertThat(delivery.bodyText()).isEqualTo(CUSTOMER);
        String secret = SeedStack.send("GET", api + "/v1/subscriptions/" + code + "/secret", SeedStack.bearer(key), null).json()
                .get("secret").asText();
        assertThat(delivery.signatureVerifies(WebhookSecret.parse(secret))).isTrue();

        Answer unsubscribed = SeedStack.send("POST", api + "/v1/rest-hooks/unsubscribe", SeedStack.bearer(key),
                "{\"codeWebhookSubscription\":\"" + code + "\"}");
        assertThat(unsubscribed.status()).isEqualTo(200);
        SeedStack.postEvent(key, "{\"type\":\"NewCustomer\",\"subject\":\"customers\",\"data\":{\"code\":\"C000778\"}}");
        // The control hook's second delivery proves the second event was routed after the unsubscribe.
        assertThat(SeedStack.awaitRequests("/weavy/control", 2).get(1).bodyText()).isEqualTo("{\"code\":\"C000778\"}");
        assertThat(SeedStack.receiver().requests("/weavy/hook")).hasSize(1);
    }

    @Test
    void shouldRunTheRestHookFlowThroughTheSeedsOwnEntryPointsWithOnlyTheHostChanged() {
        String key = SeedStack.tenant("weavy-entrypoints");
        String process = SeedStack.stack().apiUrl() + "/v1/EntryPoints/PRJ001/process/?c=";
        Answer subscribed = SeedStack.send("POST", process + "EPT_WebhookSubscribe", SeedStack.bearer(key),
                "{ \"event\": \"NewCustomer\", \"hookUrl\": \"" + SeedStack.receiver().url("/weavy/entry") + "\" }");
        assertThat(subscribed.body()).matches("\\{\"result\":\\{\"codeWebhookSubscription\":\"sub_[A-Za-z0-9_-]+\"}}");
        String code = subscribed.json().at("/result/codeWebhookSubscription").asText();
        assertThat(SeedStack.send("POST", process + "EPT_WebhookPerformList", SeedStack.bearer(key), "{\"event\":\"NewCustomer\"}")
                .json().at("/result/0/code").asText()).isEqualTo("C000123");

        SeedStack.postEvent(key, "{\"type\":\"NewCustomer\",\"data\":" + CUSTOMER + "}");
        assertThat(SeedStack.awaitRequests("/weavy/entry", 1).get(0).bodyText()).isEqualTo(CUSTOMER);

        Answer unsubscribed = SeedStack.send("POST", process + "EPT_WebhookUnsubscribe", SeedStack.bearer(key),
                "{ \"codeWebhookSubscription\": \"" + code + "\" }");
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(SeedStack.send("GET", SeedStack.stack().apiUrl() + "/v1/subscriptions/" + code, SeedStack.bearer(key), null).status())
                .isEqualTo(404);
    }
}
