package dev.hooklane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.local.LocalStack;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against the whole local stack: a real broker, the real API, ingest, router and worker, a real receiver. */
@Tag("kafka")
class HooklaneCliTest {

    private static final String ADMIN_KEY = "admin-key-for-the-cli-tests";
    private static LocalStack stack;
    private static ScriptableReceiver receiver;
    private static String tenantKey;
    @TempDir
    static Path home;
    private static CliRun cli;

    @BeforeAll
    static void start() throws IOException {
        receiver = ScriptableReceiver.start();
        KafkaSettings kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("cli"),
                TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        stack = LocalStack.start(new LocalStack.Options(kafka, "127.0.0.1", 0, ADMIN_KEY, Files.createTempDirectory("cli-router")));
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(URI.create(stack.routerUrl() + "/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        tenantKey = adminPost("/v1/admin/tenants", "{\"id\":\"acme\",\"name\":\"Acme\"}").at("/apiKey/key").asText();
        cli = new CliRun(home.resolve("config").resolve("hooklane.json"));
        CliRun.Result login = cli.runWithInput(tenantKey + "\n", "login", "--api-url", stack.apiUrl(), "--ingest-url", stack.ingestUrl());
        assertThat(login.exitCode()).as(login.toString()).isZero();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static JsonNode adminPost(String path, String body) throws IOException {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                    .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return Json.mapper().readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static CliRun.Result ok(String... args) {
        CliRun.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static JsonNode okJson(String... args) {
        try {
            return Json.mapper().readTree(ok(args).out());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Creates a subscription of the receiver's {@code path} and answers its JSON (with the secret). */
    private static JsonNode subscription(String path, String... more) {
        String[] args = new String[] {"subscriptions", "create", "-o", "json", "--url", receiver.url(path), "-t", "reportCreated"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more)).toArray(String[]::new);
        return okJson(all);
    }

    /** The request as HTTP text, the way a receiver would save it. */
    private static String saved(ReceivedRequest request) {
        return "POST " + request.path() + " HTTP/1.1\r\n" + request.headers().entrySet().stream().map(h -> h.getKey() + ": " + h.getValue() + "\r\n")
                .collect(Collectors.joining()) + "\r\n" + request.bodyText();
    }

    @Test
    void shouldSaveTheLoginForTheOwnerOnlyAndRefuseAKeyTheApiRefuses() throws IOException {
        Path config = home.resolve("config").resolve("hooklane.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(Files.readString(config)).contains(tenantKey, stack.apiUrl(), stack.ingestUrl());

        CliRun other = new CliRun(home.resolve("other.json"));
        CliRun.Result refused = other.run("login", "--api-url", stack.apiUrl(), "--key", "hk_wrong");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(refused.err()).contains("Unauthorized (401)");
        assertThat(home.resolve("other.json")).doesNotExist();
        CliRun.Result notLoggedIn = other.run("subscriptions", "list");
        assertThat(notLoggedIn.exitCode()).isEqualTo(ExitCodes.NOT_CONFIGURED);
        assertThat(notLoggedIn.err()).contains("hooklane login");
    }

    @Test
    void shouldManageASubscriptionFromCreationToDeletion() {
        receiver.always("/cli/manage", Behaviour.ok());
        CliRun.Result created = ok("subscriptions", "create", "--url", receiver.url("/cli/manage"), "-t", "reportCreated", "--name", "Orders",
                "--metadata", "customer=c-1", "--filter", "data.state=NEW,OPEN");
        String id = created.out().lines().filter(line -> line.startsWith("id")).findFirst().orElseThrow().split("\\s+")[1];
        assertThat(created.out()).contains("whsec_", "Orders", "enabled");

        assertThat(ok("subscriptions", "list").out()).contains("ID", "EVENT TYPES", id, "Orders");
        JsonNode listed = okJson("subscriptions", "list", "--all", "-o", "json");
        assertThat(listed.findValuesAsText("id")).contains(id);
        JsonNode read = okJson("subscriptions", "get", id, "--output", "json");
        assertThat(read.at("/metadata/customer").asText()).isEqualTo("c-1");
        assertThat(read.at("/filter/0/values").toString()).isEqualTo("[\"NEW\",\"OPEN\"]");
        assertThat(read.has("secret")).isFalse();

        JsonNode updated = okJson("subscriptions", "update", id, "--name", "Orders v2", "--disable", "--reason", "maintenance", "-o", "json");
        assertThat(updated.get("name").asText()).isEqualTo("Orders v2");
        assertThat(updated.get("disabledReason").asText()).isEqualTo("maintenance");
        assertThat(okJson("subscriptions", "update", id, "--enable", "-o", "json").get("enabled").asBoolean()).isTrue();

        JsonNode rotated = okJson("subscriptions", "rotate", id, "--overlap", "0s", "-o", "json");
        assertThat(rotated.get("secret").asText()).startsWith("whsec_");
        JsonNode test = okJson("subscriptions", "test", id, "-t", "reportCreated", "-o", "json");
        ReceivedRequest delivered = await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests("/cli/manage").stream()
                .filter(r -> r.webhookId().equals(test.get("messageId").asText())).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(delivered.signatureVerifies(dev.hooklane.contracts.signing.WebhookSecret.parse(rotated.get("secret").asText()))).isTrue();

        assertThat(ok("subscriptions", "delete", id).out()).contains("Deleted " + id);
        CliRun.Result gone = cli.run("subscriptions", "get", id);
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(gone.err()).contains("Not found (404)");
    }

    @Test
    void shouldFollowAttemptsAndVerifyASavedRequestWithTheSecret() throws Exception {
        receiver.always("/cli/follow", Behaviour.ok());
        JsonNode subscription = subscription("/cli/follow");
        String id = subscription.get("id").asText();
        String secret = subscription.get("secret").asText();

        try (CliRun.RunningCommand follow = cli.start("attempts", "--subscription", id, "--follow", "--interval", "200ms")) {
            JsonNode test = okJson("subscriptions", "test", id, "-t", "reportCreated", "-o", "json");
            String messageId = test.get("messageId").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> follow.output().contains(messageId));
            assertThat(follow.output()).contains("OUTCOME", "success", "200");
            assertThat(ok("attempts", "--event", test.get("eventId").asText()).out()).contains(messageId, "success");

            ReceivedRequest delivered = receiver.requests("/cli/follow").stream().filter(r -> r.webhookId().equals(messageId)).findFirst().orElseThrow();
            Path file = home.resolve("request.http");
            Files.writeString(file, saved(delivered) + "\n", StandardCharsets.UTF_8);
            CliRun.Result verified = ok("verify", "--secret", secret, file.toString());
            assertThat(verified.out()).contains("Signature verified", messageId);
            CliRun.Result fromStdin = cli.runWithInput(saved(delivered), "verify", "--secret", secret);
            assertThat(fromStdin.exitCode()).as(fromStdin.toString()).isZero();
            CliRun.Result wrong = cli.run("verify", "--secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), file.toString());
            assertThat(wrong.exitCode()).isEqualTo(ExitCodes.NOT_VERIFIED);
            assertThat(wrong.err()).contains("does not verify");
        }
    }

    @Test
    void shouldRefuseAnOldRequestOnlyWhenAToleranceIsAsked() throws IOException {
        dev.hooklane.contracts.signing.WebhookSecret secret = dev.hooklane.contracts.signing.WebhookSecret.generate();
        long hourAgo = java.time.Instant.now().minusSeconds(3600).getEpochSecond();
        byte[] body = "{\"type\":\"reportCreated\"}".getBytes(StandardCharsets.UTF_8);
        Path file = home.resolve("old.http");
        Files.writeString(file, "webhook-id: msg_old\nwebhook-timestamp: " + hourAgo + "\nwebhook-signature: "
                + dev.hooklane.contracts.signing.WebhookSigner.sign("msg_old", hourAgo, body, java.util.List.of(secret)) + "\n\n"
                + new String(body, StandardCharsets.UTF_8));

        assertThat(ok("verify", "--secret", secret.encoded(), file.toString()).out()).contains("age not checked");
        CliRun.Result stale = cli.run("verify", "--secret", secret.encoded(), "--tolerance", "5m", file.toString());
        assertThat(stale.exitCode()).isEqualTo(ExitCodes.NOT_VERIFIED);
        assertThat(stale.err()).contains("tolerance");
        assertThat(cli.run("verify", "--secret", "not-a-secret", file.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void shouldSendEventsFromAFileAndFromStandardInput() throws IOException {
        receiver.always("/cli/events", Behaviour.ok());
        subscription("/cli/events", "--filter", "data.batch=cli-events");
        Path file = home.resolve("events.json");
        Files.writeString(file, "[{\"id\":\"cli-e1\",\"type\":\"reportCreated\",\"data\":{\"batch\":\"cli-events\"}},"
                + "{\"id\":\"cli-e2\",\"type\":\"reportCreated\",\"data\":{\"batch\":\"cli-events\"}}]");

        assertThat(ok("events", "send", file.toString()).out()).contains("cli-e1", "cli-e2");
        CliRun.Result fromStdin = cli.runWithInput("{\"id\":\"cli-e3\",\"type\":\"reportCreated\",\"data\":{\"batch\":\"cli-events\"}}\n"
                + "{\"id\":\"cli-e4\",\"type\":\"reportCreated\",\"data\":{\"batch\":\"cli-events\"}}\n", "events", "send", "-o", "json");
        assertThat(fromStdin.exitCode()).as(fromStdin.toString()).isZero();
        assertThat(fromStdin.out()).contains("cli-e3", "cli-e4");

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests("/cli/events").size() >= 4);
        CliRun.Result invalid = cli.runWithInput("{\"type\":\"not a type\",\"data\":{}}", "events", "send");
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.REFUSED);
        CliRun.Result partly = cli.runWithInput("{\"id\":\"cli-e5\",\"type\":\"reportCreated\",\"data\":{}}\n{\"type\":\"not a type\",\"data\":{}}",
                "events", "send", "--batch", "1");
        assertThat(partly.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(partly.out()).contains("cli-e5");
        assertThat(partly.err()).contains("the 1 events above were accepted; event 2");
    }

    @Test
    void shouldListAndReplayDeadLettersAndRecoverPastEvents() {
        receiver.script("/cli/dead", Behaviour.status(410));
        receiver.always("/cli/dead", Behaviour.ok());
        String id = subscription("/cli/dead").get("id").asText();
        String messageId = okJson("subscriptions", "test", id, "-t", "reportCreated", "-o", "json").get("messageId").asText();

        await().atMost(Duration.ofSeconds(60)).until(() -> cli.run("dead-letters", "list", "--subscription", id).out().contains(messageId));
        assertThat(ok("dead-letters", "list", "--subscription", id, "--from", "1h").out()).contains("MESSAGE", messageId, "410");
        CliRun.Result disabled = cli.run("dead-letters", "replay", "--subscription", id, messageId);
        assertThat(disabled.exitCode()).as("the 410 disabled the subscription: " + disabled).isEqualTo(ExitCodes.REFUSED);
        assertThat(disabled.err()).contains("Conflict (409)");

        ok("subscriptions", "update", id, "--enable");
        assertThat(ok("dead-letters", "replay", "--subscription", id, messageId).out()).contains("SENT", "1");
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests("/cli/dead").stream().filter(r -> r.webhookId().equals(messageId)).count() == 2);
        assertThat(ok("dead-letters", "replay", "--subscription", id, "--from", "1h").out()).contains("SENT");
        assertThat(ok("recover", "--subscription", id, "--from", "1h").out()).contains("SENT", "SCANNED");
    }

    @Test
    void shouldPrintTheProblemTitleAndEveryFieldErrorWhenTheApiRefuses() {
        CliRun.Result refused = cli.run("subscriptions", "create", "--url", "ftp://example.com/hook", "-t", "not a type");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.err()).contains("Invalid request (422)", "  url: ", "  eventTypes[0]: ");
        assertThat(cli.run("subscriptions", "frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("subscriptions", "rotate", "sub_x", "--overlap", "soon").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun.Result unreachable = cli.run("subscriptions", "list", "--api-url", "http://127.0.0.1:1");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(unreachable.err()).contains("cannot reach");
    }

    @Test
    void shouldShowTheCatalogAndSamples() {
        assertThat(ok("event-types", "list").out()).contains("NAME", "reportCreated", "NewCustomer");
        assertThat(ok("event-types", "get", "reportCreated").out()).contains("platform", "schema:");
        assertThat(ok("event-types", "samples", "reportCreated").out()).contains("source: examples");
        assertThat(cli.run("event-types", "get", "nope.type").exitCode()).isEqualTo(ExitCodes.REFUSED);
    }

    @Test
    void shouldMakeListAndRevokePortalSessions() throws Exception {
        JsonNode session = okJson("portal-session", "create", "--name", "Customer 7", "--metadata", "customer=c-7", "-t", "reportCreated",
                "--expires-in", "2h", "-o", "json");
        String token = session.get("token").asText();
        assertThat(session.get("url").asText()).startsWith(stack.apiUrl() + "/portal#token=");
        HttpRequest portal = HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/portal/api/endpoints")).header("Authorization", "Bearer " + token).build();
        assertThat(HttpClient.newHttpClient().send(portal, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

        assertThat(ok("portal-session", "list").out()).contains(session.get("id").asText(), "Customer 7");
        assertThat(ok("portal-session", "revoke", session.get("id").asText()).out()).contains("Revoked");
        assertThat(HttpClient.newHttpClient().send(portal, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        assertThat(cli.run("portal-session", "create", "--expires-in", "10m").exitCode()).isEqualTo(ExitCodes.REFUSED);
    }

    @Test
    void shouldGenerateShellCompletion() {
        assertThat(ok("generate-completion").out()).contains("complete -F", "subscriptions", "dead-letters", "portal-session");
        assertThat(ok("--help").out()).contains("Exit codes:", "verify");
    }
}
