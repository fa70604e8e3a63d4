package dev.hooklane.peer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.MediaType;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads each delivery job, signs its body as Standard Webhooks says and POSTs it. A failed POST
 * throws: Spring moves the job to the next retry topic, and after the last to the dead-letter topic.
 */
@Component
public class WebhookListener {

    private final RestClient http;
    private final SubscriptionDirectory subscriptions;
    private final JsonMapper json;

    public WebhookListener(RestClient http, SubscriptionDirectory subscriptions, JsonMapper json) {
        this.http = http;
        this.subscriptions = subscriptions;
        this.json = json;
    }

    @RetryableTopic(attempts = "4", backOff = @BackOff(delay = 5000, multiplier = 60), numPartitions = "6", replicationFactor = "1")
    @KafkaListener(topics = "${peer.topic}")
    public void deliver(String value) {
        JsonNode job = json.readTree(value);
        String subscriptionId = job.path("subscriptionId").asString();
        SubscriptionDirectory.Endpoint endpoint = subscriptions.find(subscriptionId)
                .orElseThrow(() -> new IllegalStateException("unknown subscription " + subscriptionId));
        String id = job.path("jobId").asString();
        byte[] body = job.path("body").asString().getBytes(StandardCharsets.UTF_8);
        long timestamp = System.currentTimeMillis() / 1000;
        http.post().uri(endpoint.url())
                .contentType(MediaType.parseMediaType(job.path("contentType").asString()))
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", "v1," + sign(endpoint.secret(), id + "." + timestamp + ".", body))
                .body(body)
                .retrieve()
                .toBodilessEntity();
    }

    private static String sign(String secret, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
