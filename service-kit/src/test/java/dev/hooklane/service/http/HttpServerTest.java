package dev.hooklane.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.metrics.ServiceMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {

    private final ServiceMetrics metrics = new ServiceMetrics();
    private final AtomicReference<Optional<String>> notReady = new AtomicReference<>(Optional.of("warming up"));
    private final HttpClient client = HttpClient.newHttpClient();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() {
        server = HttpServer.start("test", new HttpSettings("127.0.0.1", 0, 2048), metrics.registry(), notReady::get, LivenessCheck.ALWAYS, routes -> {
            routes.post("/echo", ctx -> ctx.json(Map.of("size", RequestBodies.jsonTree(ctx).size())));
            routes.get("/invalid", ctx -> {
                throw ProblemException.validation(List.of(new Problem.FieldError("url", "must use https")));
            });
            routes.get("/boom", ctx -> {
                throw new IllegalStateException("secret detail");
            });
            routes.get("/held", ctx -> {
                held.countDown();
                ctx.result(release.await(30, TimeUnit.SECONDS) ? "finished" : "not released");
            });
        });
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeHealthReadinessAndMetrics() throws Exception {
        assertThat(send("GET", "/health", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> notYet = send("GET", "/ready", null, null);
        assertThat(notYet.statusCode()).isEqualTo(503);
        assertThat(notYet.body()).contains("warming up");
        notReady.set(Optional.empty());
        assertThat(send("GET", "/ready", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> scraped = send("GET", "/metrics", null, null);
        assertThat(scraped.headers().firstValue("content-type")).get().asString().startsWith("text/plain");
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void shouldAnswerHealthDownNamingEveryDeadPartWhenALivenessCheckFails() throws Exception {
        AtomicReference<Boolean> consumerAlive = new AtomicReference<>(true);
        try (HttpServer probed = HttpServer.start("probed", new HttpSettings("127.0.0.1", 0, 2048), metrics.registry(), ReadinessCheck.ALWAYS,
                LivenessCheck.allOf(List.of(LivenessCheck.of("jobs consumer", consumerAlive::get), LivenessCheck.of("retry consumer", () -> false))),
                routes -> { })) {
            HttpResponse<String> dead = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + probed.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(dead.statusCode()).isEqualTo(503);
            assertThat(dead.body()).contains("\"status\":\"DOWN\"").contains("retry consumer has stopped").doesNotContain("jobs consumer");
            consumerAlive.set(false);
            HttpResponse<String> both = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + probed.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(both.body()).contains("jobs consumer has stopped; retry consumer has stopped");
        }
    }

    @Test
    void shouldAnswerNotReadyNamingTheDeadPartWhenALivenessCheckFails() throws Exception {
        AtomicReference<Boolean> followerAlive = new AtomicReference<>(true);
        try (HttpServer probed = HttpServer.start("probed", new HttpSettings("127.0.0.1", 0, 2048), metrics.registry(), ReadinessCheck.ALWAYS,
                LivenessCheck.of("view of tenants", followerAlive::get), routes -> { })) {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + probed.port() + "/ready")).build();
            assertThat(client.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            followerAlive.set(false);
            HttpResponse<String> notReady = client.send(ready, HttpResponse.BodyHandlers.ofString());
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("\"status\":\"NOT_READY\"").contains("view of tenants has stopped");
        }
    }

    @Test
    void shouldFinishARequestInFlightWhenClosedButTakeNoNewOnes() throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/held")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
        // Closing has begun once a new connection is refused.
        HttpClient fresh = HttpClient.newHttpClient();
        await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> fresh.send(
                HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class));
        assertThat(closed).isNotDone();
        release.countDown();

        HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("finished");
        closed.get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldListTheRegisteredRoutes() {
        assertThat(server.routes()).contains("POST /echo", "GET /invalid", "GET /boom", "GET /health", "GET /ready", "GET /metrics")
                .as("handlers run before every route are no route").allMatch(route -> !route.startsWith("BEFORE") && !route.startsWith("AFTER"));
    }

    @Test
    void shouldAnswerEveryErrorAsProblemJson() throws Exception {
        HttpResponse<String> invalid = send("GET", "/invalid", null, null);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.headers().firstValue("content-type")).contains(Problem.CONTENT_TYPE);
        assertThat(invalid.body()).contains("\"errors\":[{\"field\":\"url\",\"message\":\"must use https\"}]").contains("\"instance\":\"/invalid\"");

        HttpResponse<String> missing = send("GET", "/nowhere", null, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).contains(Problem.CONTENT_TYPE);

        HttpResponse<String> boom = send("GET", "/boom", null, null);
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).doesNotContain("secret detail").contains("nothing was changed");
    }

    @Test
    void shouldRefuseBadBodies() throws Exception {
        assertThat(send("POST", "/echo", "application/json", "{\"a\":1}").body()).isEqualTo("{\"size\":1}");
        assertThat(send("POST", "/echo", "text/plain", "{}").statusCode()).isEqualTo(415);
        HttpResponse<String> broken = send("POST", "/echo", "application/json", "{\"a\":");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.headers().firstValue("content-type")).contains(Problem.CONTENT_TYPE);
        assertThat(send("POST", "/echo", "application/json", "{\"a\":1,\"a\":2}").statusCode()).isEqualTo(400);
        HttpResponse<String> tooBig = send("POST", "/echo", "application/json", "{\"a\":\"" + "x".repeat(4096) + "\"}");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.headers().firstValue("content-type")).contains(Problem.CONTENT_TYPE);
        assertThat(send("POST", "/echo", "application/json", "").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseOverlongUtf8AndTextOfTheWrongType() throws Exception {
        HttpRequest overlong = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/echo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'})).build();
        assertThat(client.send(overlong, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> RequestBodies.bind(RequestBodies.parse("{\"name\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), Named.class))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(422));
    }

    record Named(String name) {
    }

    @Test
    void shouldAnswerWhatJettyRefusesBeforeAnyRouteAsProblemJson() throws Exception {
        for (String method : List.of("GET", "PATCH", "DELETE")) {
            HttpRequest tooLarge = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/echo"))
                    .header("X-Long", "h".repeat(64 * 1024)).method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> refused = HttpClient.newHttpClient().send(tooLarge, HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(method).isEqualTo(431);
            assertThat(refused.headers().firstValue("content-type")).as(method).contains(Problem.CONTENT_TYPE);
            assertThat(refused.body()).contains("\"status\":431");
        }
    }

    @Test
    void shouldSayTheConnectionClosesWhenJettyRefusesAPath() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("DELETE /echo/%00 HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // Reading to the end proves the server closed the connection; the header proves it said so first.
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("\r\nConnection: close\r\n")
                    .contains(Problem.CONTENT_TYPE).contains("\"status\":400");
        }
    }
}
