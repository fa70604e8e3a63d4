package dev.hooklane.local.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.local.LocalStack;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.util.ArrayList;
import java.util.List;

/**
 * Traffic of every outcome through a local stack: a tenant with three subscriptions (one whose
 * receiver answers 2xx, one 503, one 410), events for all three, and one invalid event.
 */
record Traffic(List<String> subscriptionIds, List<String> eventIds) {

    static final int EVENTS = 10;
    private static final JsonHttp HTTP = new JsonHttp();

    static Traffic drive(LocalStack stack, ScriptableReceiver receiver, String adminKey) {
        JsonNode tenant = post(stack.apiUrl() + "/v1/admin/tenants", adminKey, "{\"id\":\"metrics\",\"name\":\"Metrics\"}", 201);
        String key = tenant.at("/apiKey/key").asText();
        List<String> subscriptions = new ArrayList<>();
        for (String path : List.of("/ok", "/fails", "/gone")) {
            subscriptions.add(post(stack.apiUrl() + "/v1/subscriptions", key,
                    "{\"url\":\"" + receiver.url(path) + "\",\"eventTypes\":[\"reportCreated\"]}", 201).get("id").asText());
        }
        List<String> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String id = "evt-metrics-" + i;
            post(stack.ingestUrl() + "/v1/events", key, "{\"id\":\"" + id + "\",\"type\":\"reportCreated\",\"data\":{\"n\":" + i + "}}", 202);
            events.add(id);
        }
        post(stack.ingestUrl() + "/v1/events", key, "{\"data\":{\"no\":\"type\"}}", 422);
        return new Traffic(List.copyOf(subscriptions), List.copyOf(events));
    }

    double eventsAccepted() {
        return eventIds.size();
    }

    private static JsonNode post(String url, String key, String body, int expectedStatus) {
        JsonHttp.Answer answer = HTTP.post(url, key, body);
        assertThat(answer.status()).as("POST %s: %s", url, answer).isEqualTo(expectedStatus);
        return answer.json();
    }
}
