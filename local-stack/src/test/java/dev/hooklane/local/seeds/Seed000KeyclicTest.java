package dev.hooklane.local.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 (Keyclic): webhooks per event type, several per type, each receiving
 * {@code {"event": ..., "payload": <HAL resource>}}, configured through {@code /v1/subscriptions}.
 */
@Tag("kafka")
class Seed000KeyclicTest {

    private static final String REPORT = "{\"type\":\"Report\",\"id\":\"b0e7e28f-5b91-4c73-875e-8f34aa03553a\",\"state\":\"NEW\","
            + "\"createdAt\":\"2018-02-27T10:00:00+02:00\",\"updatedAt\":\"2018-02-27T10:00:00+02:00\","
            + "\"_links\":{\"feedback\":{\"href\":\"/feedbacks/1\"},\"operations\":{\"href\":\"/reports/b0e7e28f/operations\"}},"
            + "\"_embedded\":{\"stateTransitions\":[],\"tracking\":{\"state\":\"NEW\"}}}";

    private static String subscribe(String key, String path, String type) {
        Answer created = SeedStack.send("POST", SeedStack.stack().apiUrl() + "/v1/subscriptions", SeedStack.bearer(key),
                "{\"url\":\"" + SeedStack.receiver().url(path + "?site=42") + "\",\"eventTypes\":[\"" + type + "\"],\"format\":\"event-payload\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("secret").asText();
    }

    @Test
    void shouldDeliverEachEventTypeInTheEventPayloadShapeToEveryWebhookOfThatType() {
        String key = SeedStack.tenant("keyclic");
        String warehouse = subscribe(key, "/keyclic/warehouse", "reportCreated");
        String cmms = subscribe(key, "/keyclic/cmms", "reportCreated");
        String states = subscribe(key, "/keyclic/states", "reportStateChanged");

        SeedStack.postEvent(key, "{\"event\":\"reportCreated\",\"payload\":" + REPORT + "}");
        SeedStack.postEvent(key, "{\"event\":\"reportStateChanged\",\"payload\":{\"type\":\"Report\",\"id\":\"b0e7e28f\",\"state\":\"ACCEPTED\"}}");

        String expected = "{\"event\":\"reportCreated\",\"payload\":" + REPORT + "}";
        for (var target : List.of(new String[] {"/keyclic/warehouse", warehouse}, new String[] {"/keyclic/cmms", cmms})) {
            ReceivedRequest delivery = SeedStack.awaitRequests(target[0], 1).get(0);
            assertThat(delivery.bodyText()).isEqualTo(expected);
            assertThat(delivery.query()).contains("site=42");
            assertThat(delivery.signatureVerifies(WebhookSecret.parse(target[1]))).isTrue();
        }
        ReceivedRequest state = SeedStack.awaitRequests("/keyclic/states", 1).get(0);
        assertThat(state.bodyText()).isEqualTo("{\"event\":\"reportStateChanged\",\"payload\":{\"type\":\"Report\",\"id\":\"b0e7e28f\",\"state\":\"ACCEPTED\"}}");
        assertThat(state.signatureVerifies(WebhookSecret.parse(states))).isTrue();
        assertThat(SeedStack.receiver().requests("/keyclic/warehouse")).hasSize(1);
    }
}
