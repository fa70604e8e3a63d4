package dev.hooklane.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What one instance revokes, every other instance refuses: an API key revoked at API B is refused
 * by API A and both ingests, a portal session revoked at API A by API B, and a subscription secret
 * rotated without overlap at API A stops signing at both workers.
 */
@Tag("kafka")
class RevocationAcrossInstancesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static TwoOfEach pipeline;
    private static JsonHttp http;

    @BeforeAll
    static void start() {
        pipeline = TwoOfEach.get();
        http = pipeline.http();
    }

    @Test
    void shouldRefuseAnApiKeyAtEveryInstanceWhenOneInstanceRevokedIt() {
        String kept = pipeline.tenant("revoked-keys");
        Answer issued = http.post(pipeline.api().a().url("/v1/admin/tenants/revoked-keys/keys"), TwoOfEach.ADMIN_KEY, "{\"name\":\"ci\"}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String revoked = issued.json().get("key").asText();
        pipeline.awaitKnownEverywhere(revoked);

        Answer revocation = http.delete(pipeline.api().b().url("/v1/admin/tenants/revoked-keys/keys/" + issued.json().get("id").asText()),
                TwoOfEach.ADMIN_KEY);
        assertThat(revocation.status()).as(revocation.toString()).isEqualTo(204);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(http.get(pipeline.api().a().url("/v1/subscriptions"), revoked).status()).as("API A").isEqualTo(401);
            for (PipelineService ingest : pipeline.ingest().both()) {
                assertThat(http.post(ingest.url("/v1/events"), revoked, "{\"type\":\"revoked.probe\",\"data\":{}}").status())
                        .as(ingest.name()).isEqualTo(401);
            }
        });
        assertThat(http.get(pipeline.api().a().url("/v1/subscriptions"), revoked).json().get("detail").asText()).contains("revoked");
        assertThat(http.get(pipeline.api().a().url("/v1/subscriptions"), kept).status()).as("the tenant's other key").isEqualTo(200);
    }

    @Test
    void shouldRefuseAPortalSessionAtTheOtherInstanceWhenOneInstanceRevokedIt() {
        String key = pipeline.tenant("revoked-portal");
        Answer session = http.post(pipeline.api().a().url("/v1/portal-sessions"), key, "{\"scope\":{\"metadata\":{\"customer\":\"c-7\"}}}");
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String token = session.json().get("token").asText();
        String atB = pipeline.api().b().url("/portal/api/session");
        await().atMost(PATIENCE).until(() -> http.get(atB, token).status() == 200);

        Answer revocation = http.delete(pipeline.api().a().url("/v1/portal-sessions/" + session.json().get("id").asText()), key);
        assertThat(revocation.status()).as(revocation.toString()).isEqualTo(204);

        await().atMost(PATIENCE).until(() -> http.get(atB, token).status() == 401);
        assertThat(http.get(atB, token).json().get("detail").asText()).contains("revoked");
    }

    @Test
    void shouldStopSigningWithARotatedOutSecretAtBothWorkersWhenTheOverlapIsZero() {
        String key = pipeline.tenant("revoked-secret");
        List<TwoOfEach.Made> subscriptions = pipeline.onBothWorkers(key,
                n -> "{\"url\":\"" + pipeline.receiver().url("/rotated/" + n) + "\",\"eventTypes\":[\"secret.rotated\"]}");
        List<WebhookSecret> previous = new ArrayList<>();
        List<WebhookSecret> current = new ArrayList<>();
        for (TwoOfEach.Made made : subscriptions) {
            previous.add(WebhookSecret.parse(made.answer().json().get("secret").asText()));
            // Rotated at the instance that did not make it, once that instance has it.
            PipelineService other = pipeline.api().other(made.api());
            pipeline.awaitStatus(other.url("/v1/subscriptions/" + made.id()), key, 200);
            Answer rotated = http.post(other.url("/v1/subscriptions/" + made.id() + "/secret/rotate"), key, "{\"overlapSeconds\":0}");
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            current.add(WebhookSecret.parse(rotated.json().get("secret").asText()));
        }

        // A worker may hold a subscription as it was for a moment: post, through both ingests, until the deliveries
        // that follow carry the new signature alone.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<Integer> before = subscriptions.stream().map(made -> pipeline.receiver().requests(made.path()).size()).toList();
            for (PipelineService ingest : pipeline.ingest().both()) {
                pipeline.post(ingest, key, "{\"type\":\"secret.rotated\",\"subject\":\"" + ingest.name() + "\",\"data\":{}}");
            }
            for (int i = 0; i < subscriptions.size(); i++) {
                String path = subscriptions.get(i).path();
                List<ReceivedRequest> latest = pipeline.awaitRequests(path, before.get(i) + 2).subList(before.get(i), before.get(i) + 2);
                WebhookSecret now = current.get(i);
                WebhookSecret old = previous.get(i);
                assertThat(latest).as(path).allSatisfy(delivery -> {
                    assertThat(delivery.signatureVerifies(now)).isTrue();
                    assertThat(delivery.signatureVerifies(old)).as("the rotated-out secret").isFalse();
                });
            }
        });
    }
}
