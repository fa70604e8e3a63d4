package dev.hooklane.local;

import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.service.config.EnvConfig;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack: a real single-node KRaft Kafka broker, the four services and a demo receiver,
 * all in this JVM, with a walkthrough printed once every service is ready. Ctrl-C stops
 * everything; the data and the keys live in {@code .hooklane/} (or {@code HOOKLANE_DATA_DIR}) and
 * survive restarts.
 */
public final class LocalStackMain {

    static final int KAFKA_PORT = port("HOOKLANE_LOCAL_KAFKA_PORT", 9092);
    /** The subscription API's port; ingest, router and worker listen on the next three. */
    static final int API_PORT = port("HOOKLANE_LOCAL_API_PORT", 8080);
    static final int RECEIVER_PORT = port("HOOKLANE_LOCAL_RECEIVER_PORT", 9000);
    static final String TENANT = "demo";
    private static final Duration READY_PATIENCE = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        DataFolder data = new DataFolder(Path.of(System.getenv().getOrDefault("HOOKLANE_DATA_DIR", ".hooklane")).toAbsolutePath());
        Files.createDirectories(data.path());
        WebhookSecret demoSecret = data.demoSecret();
        String adminKey = data.adminKey();

        out.println("Starting Kafka (data in " + data.path() + ") ...");
        KafkaBroker broker = KafkaBroker.start(data.path().resolve("kafka"), KAFKA_PORT);
        LocalStack.Options options = options(broker.bootstrapServers(), adminKey, data.path());
        KafkaSettings kafka = options.kafka();
        out.println("Starting the services ...");
        LocalStack stack = LocalStack.start(options);
        KnownSecrets secrets = new KnownSecrets(demoSecret, kafka);
        DemoReceiver receiver = new DemoReceiver("127.0.0.1", RECEIVER_PORT, secrets, out);
        String tenantKey = demoTenantKey(stack.apiUrl(), adminKey, data);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping ...");
            receiver.close();
            secrets.close();
            stack.close();
            broker.close();
            out.println("Stopped. Delete " + data.path() + " to start from scratch.");
            stopped.countDown();
        }, "local-stack-stop"));

        awaitReady(stack, out);
        out.println(Walkthrough.text(stack, broker.bootstrapServers(), adminKey, tenantKey, demoSecret, RECEIVER_PORT, data.path()));
        stopped.await();
    }

    /**
     * How bin/run runs the stack: the shared settings' topic names and retry schedule on the local
     * single-broker cluster, the services on loopback from {@link #API_PORT}, state in the data folder.
     */
    public static LocalStack.Options options(String bootstrapServers, String adminKey, Path dataDir) {
        Map<String, String> env = new LinkedHashMap<>(SharedSettings.load());
        env.put("HOOKLANE_KAFKA_BOOTSTRAP", bootstrapServers);
        env.put("HOOKLANE_TOPIC_PARTITIONS", "3");
        env.put("HOOKLANE_TOPIC_REPLICATION", "1");
        EnvConfig config = new EnvConfig(env);
        KafkaSettings kafka = KafkaSettings.from(config);
        config.validate();
        return new LocalStack.Options(kafka, "127.0.0.1", API_PORT, adminKey, dataDir.resolve("router-state"));
    }

    /**
     * Waits until every service answers {@code /ready}: the router has joined its group and runs,
     * the worker has loaded its tables, so that an event posted after the banner is delivered at once.
     */
    private static void awaitReady(LocalStack stack, PrintStream out) throws InterruptedException {
        long deadline = System.nanoTime() + READY_PATIENCE.toNanos();
        long tellAfter = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean told = false;
        for (String url : List.of(stack.apiUrl(), stack.ingestUrl(), stack.routerUrl(), stack.workerUrl())) {
            while (true) {
                HttpResponse<String> ready = get(url + "/ready");
                if (ready != null && ready.statusCode() == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(url + " is not ready after " + READY_PATIENCE.toMinutes() + " minutes: "
                            + (ready == null ? "no answer" : ready.body()));
                }
                if (!told && System.nanoTime() > tellAfter) {
                    out.println("Waiting for " + url + " to be ready: " + (ready == null ? "no answer yet" : ready.body()));
                    told = true;
                }
                Thread.sleep(200);
            }
        }
    }

    private static HttpResponse<String> get(String url) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The demo tenant's key: created with the tenant on the first start and kept in the data folder,
     * so that the same key works after a restart; a fresh one is issued only when the kept one no
     * longer does (revoked, or the folder's key file deleted).
     */
    private static String demoTenantKey(String apiUrl, String adminKey, DataFolder data) throws IOException, InterruptedException {
        HttpResponse<String> created = HTTP.send(adminPost(apiUrl + "/v1/admin/tenants", adminKey,
                "{\"id\":\"" + TENANT + "\",\"name\":\"Local demo\"}"), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() == 201) {
            String key = Json.mapper().readTree(created.body()).at("/apiKey/key").asText();
            data.demoTenantKey(key);
            return key;
        }
        if (created.statusCode() != 409) {
            throw new IllegalStateException("could not create the demo tenant: " + created.statusCode() + " " + created.body());
        }
        var kept = data.demoTenantKey();
        if (kept.isPresent() && accepted(apiUrl, kept.get())) {
            return kept.get();
        }
        HttpResponse<String> issued = HTTP.send(adminPost(apiUrl + "/v1/admin/tenants/" + TENANT + "/keys", adminKey,
                "{\"name\":\"local-stack\"}"), HttpResponse.BodyHandlers.ofString());
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("could not issue a key to the demo tenant: " + issued.statusCode() + " " + issued.body());
        }
        String key = Json.mapper().readTree(issued.body()).get("key").asText();
        data.demoTenantKey(key);
        return key;
    }

    private static boolean accepted(String apiUrl, String key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/v1/subscriptions?limit=1")).header("Authorization", "Bearer " + key).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private static HttpRequest adminPost(String url, String adminKey, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static int port(String variable, int defaultPort) {
        return Integer.parseInt(System.getenv().getOrDefault(variable, Integer.toString(defaultPort)));
    }
}
