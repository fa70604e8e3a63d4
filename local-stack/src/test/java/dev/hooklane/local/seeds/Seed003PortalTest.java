package dev.hooklane.local.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 (municipal portal): a webhook configuration made with {@code POST /webhookconfig} and
 * the {@code Ocp-Apim-Subscription-Key} header is triggered only by status updates of its
 * processes, municipality and application (and statuses its expression accepts); a PATCH changes
 * which.
 */
@Tag("kafka")
class Seed003PortalTest {

    private static String update(String process, String municipality, String status) {
        return "{\"type\":\"processStatusUpdated\",\"subject\":\"citizen-42\",\"data\":{\"applicationId\":\"app-1\",\"municipalityId\":\""
                + municipality + "\",\"processId\":\"" + process + "\",\"status\":\"" + status + "\"}}";
    }

    private static String body(String process, String municipality, String status) {
        return "{\"applicationId\":\"app-1\",\"municipalityId\":\"" + municipality + "\",\"processId\":\"" + process + "\",\"status\":\""
                + status + "\"}";
    }

    @Test
    void shouldTriggerOnlyForTheConfiguredProcessesOfThatMunicipalityAndApplication() {
        String key = SeedStack.tenant("portal");
        Map<String, String> apim = Map.of("Ocp-Apim-Subscription-Key", key);
        String api = SeedStack.stack().apiUrl();
        Answer created = SeedStack.send("POST", api + "/webhookconfig", apim, "{\"whname\":\"Your Webhook Name\","
                + "\"whcomment\":\"short comment on the webhook\",\"applicationId\":\"app-1\",\"municipalityId\":\"mun-1\","
                + "\"callbackUrl\":\"" + SeedStack.receiver().url("/portal/send/callback/here") + "\",\"processes\":[\"parking-permit\",\"bin-request\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String whid = created.json().get("whid").asText();
        WebhookSecret secret = WebhookSecret.parse(created.json().get("secret").asText());

        for (String event : List.of(update("parking-permit", "mun-2", "approved"), update("dog-licence", "mun-1", "approved"),
                update("parking-permit", "mun-1", "approved"), update("bin-request", "mun-1", "rejected"))) {
            SeedStack.postEvent(key, event);
        }
        List<ReceivedRequest> deliveries = SeedStack.awaitRequests("/portal/send/callback/here", 2);
        assertThat(deliveries).extracting(ReceivedRequest::bodyText)
                .containsExactlyInAnyOrder(body("parking-permit", "mun-1", "approved"), body("bin-request", "mun-1", "rejected"));
        assertThat(deliveries).allMatch(request -> request.signatureVerifies(secret));

        Answer patched = SeedStack.send("PATCH", api + "/webhookconfig?whid=" + whid, apim, "{\"whname\":\"Bins only\","
                + "\"whcomment\":\"bins\",\"applicationId\":\"app-1\",\"municipalityId\":\"mun-1\",\"callbackUrl\":\""
                + SeedStack.receiver().url("/portal/send/callback/here") + "\",\"processes\":[\"bin-request\"]}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        SeedStack.postEvent(key, update("parking-permit", "mun-1", "closed"));
        SeedStack.postEvent(key, update("bin-request", "mun-1", "closed"));
        assertThat(SeedStack.awaitRequests("/portal/send/callback/here", 3).get(2).bodyText()).isEqualTo(body("bin-request", "mun-1", "closed"));

        assertThat(SeedStack.send("DELETE", api + "/webhookconfig?whid=" + whid, apim, null).status()).isEqualTo(204);
        assertThat(SeedStack.send("GET", api + "/webhookconfig", apim, null).body()).isEqualTo("[]");
    }

    @Test
    void shouldTriggerOnlyForStatusesTheExpressionAccepts() {
        String key = SeedStack.tenant("portal-statuses");
        Map<String, String> apim = Map.of("Ocp-Apim-Subscription-Key", key);
        Answer created = SeedStack.send("POST", SeedStack.stack().apiUrl() + "/webhookconfig", apim, "{\"whname\":\"Decisions\","
                + "\"whcomment\":\"approved or rejected only\",\"applicationId\":\"app-1\",\"municipalityId\":\"mun-1\","
                + "\"callbackUrl\":\"" + SeedStack.receiver().url("/portal/decisions") + "\",\"processes\":[\"parking-permit\"],"
                + "\"filter\":{\"expression\":\"data.status in ['approved', 'rejected']\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/filter/expression").asText()).isEqualTo("data.status in ['approved', 'rejected']");

        for (String event : List.of(update("parking-permit", "mun-1", "approved"), update("parking-permit", "mun-1", "pending"),
                update("bin-request", "mun-1", "approved"), update("parking-permit", "mun-2", "rejected"),
                update("parking-permit", "mun-1", "rejected"))) {
            SeedStack.postEvent(key, event);
        }
        // The last event is taken; by then the ones before it were routed and their jobs sent.
        String last = body("parking-permit", "mun-1", "rejected");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> SeedStack.receiver().requests("/portal/decisions").stream().anyMatch(request -> request.bodyText().equals(last)));
        assertThat(SeedStack.receiver().requests("/portal/decisions")).extracting(ReceivedRequest::bodyText)
                .containsExactlyInAnyOrder(body("parking-permit", "mun-1", "approved"), last);
    }
}
