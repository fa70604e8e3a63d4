package dev.hooklane.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.kafka.KafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack: a real single-node KRaft Kafka broker, the four services and a demo receiver,
 * all in this JVM, with a walkthrough printed at start. Ctrl-C stops everything; the data lives
 * in {@code .hooklane/} (or {@code HOOKLANE_DATA_DIR}) and survives restarts.
 */
public final class LocalStackMain {

    static final int KAFKA_PORT = port("HOOKLANE_LOCAL_KAFKA_PORT", 9092);
    /** The subscription API's port; ingest, router and worker listen on the next three. */
    static final int API_PORT = port("HOOKLANE_LOCAL_API_PORT", 8080);
    static final int RECEIVER_PORT = port("HOOKLANE_LOCAL_RECEIVER_PORT", 9000);
    static final String TENANT = "demo";

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path dataDir = Path.of(System.getenv().getOrDefault("HOOKLANE_DATA_DIR", ".hooklane")).toAbsolutePath();
        Files.createDirectories(dataDir);
        WebhookSecret demoSecret = demoSecret(dataDir);
        String adminKey = "admin_" + random(24);

        out.println("Starting Kafka (data in " + dataDir + ") ...");
        KafkaBroker broker = KafkaBroker.start(dataDir.resolve("kafka"), KAFKA_PORT);
        KafkaSettings kafka = new KafkaSettings(broker.bootstrapServers(), TopicCatalog.DEFAULT_PREFIX, 3, java.util.Optional.of((short) 1),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE, java.util.Map.of());
        out.println("Starting the services ...");
        LocalStack stack = LocalStack.start(new LocalStack.Options(kafka, "127.0.0.1", API_PORT, adminKey, dataDir.resolve("router-state")));
        DemoReceiver receiver = new DemoReceiver("127.0.0.1", RECEIVER_PORT, demoSecret, out);
        String tenantKey = demoTenantKey(stack.apiUrl(), adminKey);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping ...");
            receiver.close();
            stack.close();
            broker.close();
            out.println("Stopped. Delete " + dataDir + " to start from scratch.");
            stopped.countDown();
        }, "local-stack-stop"));

        out.println(Walkthrough.text(stack, broker.bootstrapServers(), adminKey, tenantKey, demoSecret, RECEIVER_PORT, dataDir));
        stopped.await();
    }

    /** The demo receiver's secret, kept in the data folder so subscriptions made earlier still verify. */
    private static WebhookSecret demoSecret(Path dataDir) throws IOException {
        Path file = dataDir.resolve("demo-receiver-secret");
        if (Files.exists(file)) {
            return WebhookSecret.parse(Files.readString(file).strip());
        }
        WebhookSecret secret = WebhookSecret.generate();
        Files.writeString(file, secret.encoded());
        return secret;
    }

    /** Creates the demo tenant on first start and issues a fresh key for this run. */
    private static String demoTenantKey(String apiUrl, String adminKey) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> created = client.send(adminPost(apiUrl + "/v1/admin/tenants", adminKey,
                "{\"id\":\"" + TENANT + "\",\"name\":\"Local demo\"}"), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() == 201) {
            return Json.mapper().readTree(created.body()).at("/apiKey/key").asText();
        }
        if (created.statusCode() != 409) {
            throw new IllegalStateException("could not create the demo tenant: " + created.statusCode() + " " + created.body());
        }
        HttpResponse<String> key = client.send(adminPost(apiUrl + "/v1/admin/tenants/" + TENANT + "/keys", adminKey,
                "{\"name\":\"local-stack\"}"), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = Json.mapper().readTree(key.body());
        if (key.statusCode() != 201) {
            throw new IllegalStateException("could not issue a key to the demo tenant: " + key.statusCode() + " " + key.body());
        }
        return answer.get("key").asText();
    }

    private static HttpRequest adminPost(String url, String adminKey, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static int port(String variable, int defaultPort) {
        return Integer.parseInt(System.getenv().getOrDefault(variable, Integer.toString(defaultPort)));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
