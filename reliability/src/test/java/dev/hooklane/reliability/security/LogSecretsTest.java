package dev.hooklane.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.reliability.harness.Pipeline;
import dev.hooklane.reliability.harness.Pipeline.Placement;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.local.Services;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs every service in its own JVM at DEBUG level through a whole life: tenants, keys (one
 * revoked, one guessed), subscriptions with given and generated secrets and secret headers, a
 * rotation, events with marked payloads, a failing receiver whose answer carries a marker, a
 * refused request. Then it reads every line the services logged and looks for each secret, key and
 * marker it made.
 */
@Tag("kafka")
class LogSecretsTest {

    @Test
    void shouldLogNoSecretKeyOrPayload() throws IOException {
        Map<String, String> secrets = new LinkedHashMap<>();
        String prefix = SharedKafka.uniquePrefix("logs");
        JsonHttp http = new JsonHttp();
        Placement everyServiceAlone = Placement.ownJvm(Services.API, Services.INGEST, Services.ROUTER, Services.WORKER);
        List<Path> logs;
        String subscriptionId;
        try (ScriptableReceiver receiver = ScriptableReceiver.start()) {
            String responseMarker = "response-marker-" + UUID.randomUUID();
            receiver.script("/flaky", new Behaviour.Respond(500, Map.of(), responseMarker, Duration.ZERO));
            secrets.put("receiver's answer", responseMarker);
            secrets.put("admin key", Pipeline.ADMIN_KEY);
            try (Pipeline pipeline = Pipeline.start(SharedKafka.cluster().bootstrapServers(), prefix, everyServiceAlone,
                    Map.of("HOOKLANE_LOG_LEVEL", "DEBUG"))) {
                String api = pipeline.api().url("");
                String key = http.post(api + "/v1/admin/tenants", Pipeline.ADMIN_KEY, "{\"id\":\"alpha\",\"name\":\"Alpha\"}").json()
                        .at("/apiKey/key").asText();
                secrets.put("tenant key", key);
                JsonHttp.Answer second = http.post(api + "/v1/admin/tenants/alpha/keys", Pipeline.ADMIN_KEY, "{\"name\":\"second\"}");
                secrets.put("second key", second.json().get("key").asText());
                assertThat(http.delete(api + "/v1/admin/tenants/alpha/keys/" + second.json().get("id").asText(), Pipeline.ADMIN_KEY).status())
                        .isIn(200, 204);
                String guessed = "hk_guessed_" + UUID.randomUUID();
                secrets.put("guessed key", guessed);
                assertThat(http.get(api + "/v1/subscriptions", guessed).status()).isEqualTo(401);

                WebhookSecret given = WebhookSecret.generate();
                secrets.put("given secret", given.encoded());
                secrets.put("given secret without prefix", given.encoded().substring(WebhookSecret.PREFIX.length()));
                String headerSecret = "header-secret-" + UUID.randomUUID();
                secrets.put("subscription header", headerSecret);
                JsonHttp.Answer created = http.post(api + "/v1/subscriptions", key, "{\"url\":\"" + receiver.url("/flaky")
                        + "\",\"eventTypes\":[\"order.created\"],\"secret\":\"" + given.encoded() + "\",\"headers\":{\"X-Token\":\"" + headerSecret + "\"}}");
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                subscriptionId = created.json().get("id").asText();
                JsonHttp.Answer generated = http.post(api + "/v1/subscriptions", key, "{\"url\":\"" + receiver.url("/steady")
                        + "\",\"eventTypes\":[\"order.*\"]}");
                secrets.put("generated secret", generated.json().get("secret").asText());
                JsonHttp.Answer rotated = http.post(api + "/v1/subscriptions/" + subscriptionId + "/secret/rotate", key, "{\"overlapSeconds\":60}");
                assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
                secrets.put("rotated secret", rotated.json().get("secret").asText());

                String payloadMarker = "payload-marker-" + UUID.randomUUID();
                secrets.put("payload", payloadMarker);
                String refusedMarker = "refused-payload-" + UUID.randomUUID();
                secrets.put("refused payload", refusedMarker);
                assertThat(http.post(pipeline.ingest().url("/v1/events"), key, "{\"type\":\"order.created\",\"data\":{\"note\":\"" + refusedMarker
                        + "\"},\"time\":\"" + refusedMarker + "\"}").status()).isEqualTo(422);
                for (int i = 0; i < 5; i++) {
                    String body = "{\"id\":\"log-" + i + "\",\"type\":\"order.created\",\"data\":{\"note\":\"" + payloadMarker + "\"}}";
                    await().atMost(Duration.ofSeconds(30)).until(() -> http.post(pipeline.ingest().url("/v1/events"), key, body).status() == 202);
                }
                await().atMost(Duration.ofSeconds(90)).until(() -> receiver.requests("/flaky").size() >= 6 && receiver.requests("/steady").size() >= 5);
                assertThat(receiver.requests("/flaky").get(0).header("x-token")).contains(headerSecret);
                logs = pipeline.services().stream().map(PipelineService::log).flatMap(java.util.Optional::stream).toList();
            }
        }

        assertThat(logs).hasSize(4);
        StringBuilder everything = new StringBuilder();
        for (Path log : logs) {
            everything.append(Files.readString(log, StandardCharsets.UTF_8));
        }
        String all = everything.toString();
        assertThat(all.lines().count()).as("lines logged").isGreaterThan(40);
        assertThat(all).as("the logs are the run's, at DEBUG").contains(subscriptionId).contains("DEBUG");
        List<String> found = new ArrayList<>();
        secrets.forEach((what, secret) -> {
            if (all.contains(secret)) {
                found.add(what + " in: " + Stream.of(all.split("\n")).filter(line -> line.contains(secret)).findFirst().orElseThrow());
            }
        });
        assertThat(found).as("secrets, keys and payloads found in the logs").isEmpty();
    }
}
