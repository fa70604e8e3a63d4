package dev.hooklane.local.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 (Credas): the callback URL is given per process, so the completion event carries it
 * ({@code callbackUrl}, query string kept) and is delivered there, signed with the tenant's
 * callback secret, as the flat {@code {ProcessId, ClientId, Status, StatusDescription}} body.
 */
@Tag("kafka")
class Seed001CredasTest {

    private static final String COMPLETION = "{\"ProcessId\":\"1e144e85-f45b-4ae3-8915-ae2826ea1e55\","
            + "\"ClientId\":\"8c55ebc3-7ac2-469e-9837-94023aa82c3d\",\"Status\":2,\"StatusDescription\":\"The process is complete\"}";

    @Test
    void shouldDeliverTheProcessCompletionToTheCallbackUrlTheEventCarries() {
        String key = SeedStack.tenant("credas");
        String callback = SeedStack.receiver().url("/updates?our-reference=1232323");
        SeedStack.postEvent(key, "{\"id\":\"proc-1e144e85-complete\",\"type\":\"processComplete\",\"callbackUrl\":\"" + callback + "\","
                + "\"data\":" + COMPLETION + "}");

        ReceivedRequest delivery = SeedStack.awaitRequests("/updates", 1).get(0);
        assertThat(delivery.bodyText()).isEqualTo(COMPLETION);
        assertThat(delivery.query()).contains("our-reference=1232323");
        Answer secret = SeedStack.send("GET", SeedStack.stack().apiUrl() + "/v1/tenant/callback-secret", SeedStack.bearer(key), null);
        assertThat(delivery.signatureVerifies(WebhookSecret.parse(secret.json().get("secret").asText()))).isTrue();
    }

    @Test
    void shouldSignCallbacksWithTheNewAndThePreviousSecretDuringARotationsOverlap() {
        String key = SeedStack.tenant("credas-rotation");
        String api = SeedStack.stack().apiUrl() + "/v1/tenant/callback-secret";
        WebhookSecret previous = WebhookSecret.parse(SeedStack.send("GET", api, SeedStack.bearer(key), null).json().get("secret").asText());
        Answer rotated = SeedStack.send("POST", api + "/rotate", SeedStack.bearer(key), "{\"overlapSeconds\":3600}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        WebhookSecret current = WebhookSecret.parse(rotated.json().get("secret").asText());

        String callback = SeedStack.receiver().url("/rotated?our-reference=77");
        // The worker may still hold the tenant as it was for a moment: send until a delivery carries the new signature.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            SeedStack.postEvent(key, "{\"type\":\"processComplete\",\"callbackUrl\":\"" + callback + "\",\"data\":" + COMPLETION + "}");
            ReceivedRequest delivery = SeedStack.awaitRequests("/rotated", 1).getLast();
            assertThat(delivery.signatureVerifies(current)).isTrue();
            assertThat(delivery.signatureVerifies(previous)).as("the previous secret signs on for the overlap").isTrue();
        });
    }
}
