package dev.hooklane.reliability.harness;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.reliability.ledger.DeliveryLedger;
import dev.hooklane.reliability.ledger.DeliveryLedger.TrackedSubscription;
import dev.hooklane.testkit.http.JsonHttp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Creates tenants and subscriptions through the subscription API and tells the ledger. */
public final class Tenancy {

    private final JsonHttp http = new JsonHttp();
    private final String apiUrl;

    public Tenancy(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /** Creates a tenant and returns its first API key. */
    public String createTenant(String id) {
        JsonHttp.Answer answer = await().atMost(Duration.ofSeconds(60)).until(
                () -> http.post(apiUrl + "/v1/admin/tenants", Pipeline.ADMIN_KEY, "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}"),
                a -> a.status() == 201);
        return answer.json().at("/apiKey/key").asText();
    }

    /** Creates a subscription; empty when the API refused or did not answer. */
    public Optional<TrackedSubscription> trySubscribe(String tenant, String key, String url, List<String> eventTypes,
                                                       List<FilterCondition> filter, boolean required) {
        WebhookSecret secret = WebhookSecret.generate();
        ObjectNode body = Json.mapper().createObjectNode().put("url", url).put("secret", secret.encoded());
        ArrayNode types = body.putArray("eventTypes");
        eventTypes.forEach(types::add);
        if (!filter.isEmpty()) {
            ArrayNode conditions = body.putArray("filter");
            filter.forEach(c -> {
                ObjectNode condition = conditions.addObject().put("attribute", c.attribute());
                c.anyOf().forEach(condition.putArray("values")::add);
            });
        }
        JsonHttp.Answer answer = http.post(apiUrl + "/v1/subscriptions", key, body.toString());
        if (answer.status() != 201) {
            return Optional.empty();
        }
        return Optional.of(new TrackedSubscription(answer.json().get("id").asText(), tenant, eventTypes, filter, secret, required));
    }

    /** Creates a subscription that must get every matching event, retrying while the API is busy. */
    public TrackedSubscription subscribe(DeliveryLedger ledger, String tenant, String key, String url, List<String> eventTypes,
                                         List<FilterCondition> filter) {
        TrackedSubscription subscription = await().atMost(Duration.ofSeconds(60))
                .until(() -> trySubscribe(tenant, key, url, eventTypes, filter, true), Optional::isPresent).orElseThrow();
        ledger.subscribed(subscription);
        return subscription;
    }

    /** Deletes a subscription; true when the API confirmed it. */
    public boolean unsubscribe(String key, String subscriptionId) {
        return http.delete(apiUrl + "/v1/subscriptions/" + subscriptionId, key).status() == 204;
    }
}
