package dev.hooklane.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.JobIds;
import dev.hooklane.reliability.harness.DeadLetterTail;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.reliability.harness.Pipeline;
import dev.hooklane.reliability.harness.Pipeline.Placement;
import dev.hooklane.local.Services;
import dev.hooklane.reliability.ledger.DeliveryLedger;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSRF at delivery time, end to end, with no address allow-listed: subscription URLs that point
 * inside are refused at creation; a host that resolves to a public address when the API checks it
 * and to loopback when the worker resolves it (DNS rebinding, made real with a different hosts file
 * per JVM) is dead-lettered, never sent; per-event callback URLs that point inside are refused or
 * dead-lettered. A receiver listening on loopback proves nothing got through.
 */
@Tag("kafka")
class DeliverySsrfTest {

    private static final String REBINDING_HOST = "rebind.hooklane.test";

    @Test
    void shouldNeverSendToAnAddressInsideWhateverTheUrlSays(@TempDir Path dir) throws IOException {
        Path publicView = Files.writeString(dir.resolve("hosts-api"), "93.184.215.14 " + REBINDING_HOST + "\n127.0.0.1 localhost\n");
        Path insideView = Files.writeString(dir.resolve("hosts-worker"), "127.0.0.1 " + REBINDING_HOST + "\n127.0.0.1 localhost\n");
        String prefix = SharedKafka.uniquePrefix("ssrf");
        String bootstrap = SharedKafka.cluster().bootstrapServers();
        Placement placement = Placement.ownJvm(Services.API, Services.WORKER)
                .withJvmOptions(Services.API, "-Djdk.net.hosts.file=" + publicView)
                .withJvmOptions(Services.WORKER, "-Djdk.net.hosts.file=" + insideView);
        JsonHttp http = new JsonHttp();
        DeliveryLedger ledger = new DeliveryLedger();
        try (ScriptableReceiver receiver = ScriptableReceiver.start();
             Pipeline pipeline = Pipeline.start(bootstrap, prefix, placement, Map.of("HOOKLANE_SSRF_ALLOW_LIST", ""));
             DeadLetterTail deadLetters = new DeadLetterTail(bootstrap, prefix + "dlq", ledger)) {
            String api = pipeline.api().url("");
            String key = http.post(api + "/v1/admin/tenants", Pipeline.ADMIN_KEY, "{\"id\":\"alpha\",\"name\":\"Alpha\"}").json().at("/apiKey/key").asText();
            int port = receiver.port();

            List<String> inside = List.of("http://127.0.0.1:" + port + "/a", "http://localhost:" + port + "/b", "http://[::1]:" + port + "/c",
                    "http://2130706433:" + port + "/d", "http://0x7f.1:" + port + "/e", "http://127.1:" + port + "/f",
                    "http://[::ffff:127.0.0.1]:" + port + "/g", "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/h",
                    "http://192.168.1.1/i", "http://0.0.0.0:" + port + "/j", "http://[fd00:ec2::254]/k");
            for (String url : inside) {
                JsonHttp.Answer refused = http.post(api + "/v1/subscriptions", key, "{\"url\":\"" + url + "\",\"eventTypes\":[\"order.created\"]}");
                assertThat(refused.status()).as("creating a subscription to %s: %s", url, refused).isEqualTo(422);
                assertThat(refused.header("Content-Type")).get().asString().startsWith("application/problem+json");
            }

            JsonHttp.Answer rebinding = http.post(api + "/v1/subscriptions", key,
                    "{\"url\":\"http://" + REBINDING_HOST + ":" + port + "/rebound\",\"eventTypes\":[\"order.created\"]}");
            assertThat(rebinding.status()).as("the host looks public to the API: %s", rebinding).isEqualTo(201);
            String subscriptionId = rebinding.json().get("id").asText();

            List<String> expectedDead = new ArrayList<>();
            String eventId = "ssrf-" + UUID.randomUUID();
            expectedDead.add(JobIds.of(eventId, subscriptionId));
            await().atMost(Duration.ofSeconds(30)).until(() -> http.post(pipeline.ingest().url("/v1/events"), key,
                    "{\"id\":\"" + eventId + "\",\"type\":\"order.created\",\"data\":{}}").status() == 202);
            List<String> callbacks = List.of("http://127.0.0.1:" + port + "/cb1", "http://" + REBINDING_HOST + ":" + port + "/cb2",
                    "http://[::1]:" + port + "/cb3", "http://2130706433:" + port + "/cb4", "http://169.254.169.254/cb5");
            for (String callback : callbacks) {
                String callbackEvent = "ssrf-cb-" + UUID.randomUUID();
                JsonHttp.Answer posted = http.post(pipeline.ingest().url("/v1/events"), key,
                        "{\"id\":\"" + callbackEvent + "\",\"type\":\"process.done\",\"data\":{},\"callbackUrl\":\"" + callback + "\"}");
                if (posted.status() == 202) {
                    expectedDead.add(JobIds.of(callbackEvent, callback));
                } else {
                    assertThat(posted.status()).as("a refused callback URL %s: %s", callback, posted).isBetween(400, 499);
                }
            }

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(ledger.deadLetterReasons().keySet()).containsAll(expectedDead));
            expectedDead.forEach(jobId -> assertThat(ledger.deadLetterReasons().get(jobId)).as(jobId).contains("refused"));
            assertThat(receiver.requests()).as("requests that reached the loopback receiver").isEmpty();
        }
    }
}
