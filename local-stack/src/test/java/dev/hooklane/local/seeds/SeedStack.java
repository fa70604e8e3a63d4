package dev.hooklane.local.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.local.LocalStack;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One local stack and one receiver shared by the seed tests of this JVM (each seed uses a tenant
 * of its own), so that the pipeline starts once; both stop when the JVM exits.
 */
final class SeedStack {

    static final String ADMIN_KEY = "admin-key-for-seed-tests";
    private static LocalStack stack;
    private static ScriptableReceiver receiver;
    private static KafkaSettings kafka;
    private static final JsonHttp HTTP = new JsonHttp().checkedAgainstServedDocuments();

    private SeedStack() {
    }

    static synchronized LocalStack stack() {
        if (stack == null) {
            receiver = ScriptableReceiver.start();
            kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("seeds"),
                    TopicCatalog.DEFAULT_RETRY_SCHEDULE);
            try {
                stack = LocalStack.start(new LocalStack.Options(kafka, "127.0.0.1", 0, ADMIN_KEY, Files.createTempDirectory("seed-router")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                receiver.close();
            }, "seed-stack-stop"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> send("GET", stack.routerUrl() + "/ready", Map.of(), null).status() == 200);
        }
        return stack;
    }

    static String deliveriesTopic() {
        stack();
        return kafka.catalog().deliveries().name();
    }

    static ScriptableReceiver receiver() {
        stack();
        return receiver;
    }

    /** Creates a tenant and returns its API key. */
    static String tenant(String id) {
        Answer created = send("POST", stack().apiUrl() + "/v1/admin/tenants", bearer(ADMIN_KEY), "{\"id\":\"" + id + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().at("/apiKey/key").asText();
    }

    static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    static Answer send(String method, String url, Map<String, String> headers, String body) {
        return HTTP.send(method, url, null, body, headers);
    }

    /** Posts one event to ingest and expects 202. */
    static void postEvent(String key, String event) {
        Answer posted = send("POST", stack().ingestUrl() + "/v1/events", bearer(key), event);
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
    }

    /** Waits for {@code count} requests on {@code path} and returns them in arrival order. */
    static List<ReceivedRequest> awaitRequests(String path, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> receiver().requests(path).size() >= count);
        return receiver().requests(path);
    }
}
