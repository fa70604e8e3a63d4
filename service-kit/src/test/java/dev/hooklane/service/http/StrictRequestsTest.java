package dev.hooklane.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.metrics.ServiceMetrics;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every service refuses at its door, before a route reads a body, and how. */
class StrictRequestsTest {

    private final ServiceMetrics metrics = new ServiceMetrics();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;

    @BeforeEach
    void start() {
        server = HttpServer.start("test", new HttpSettings("127.0.0.1", 0, 4096), metrics.registry(), ReadinessCheck.ALWAYS,
                LivenessCheck.ALWAYS, routes -> {
                    routes.post("/echo", ctx -> ctx.json(Map.of("size", RequestBodies.jsonTree(ctx).size())));
                    routes.get("/things/{id}", ctx -> ctx.json(Map.of("id", ctx.pathParam("id"))));
                    routes.delete("/things/{id}", ctx -> ctx.status(204));
                });
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> post(Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} as it is written and reads the answer to the end (the server closes after it). */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith(Problem.CONTENT_TYPE);
        assertThat(answer.body()).contains("\"status\":" + status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ZZ\r\n{}\r\n0\r\n\r\n", "2\r\n{}\r\nnot-a-size\r\n\r\n", "5\r\n{}\r\n0\r\n\r\n", "2;\u0001\r\n{}\r\n0\r\n\r\n"})
    void shouldAnswer400ProblemWhenAChunkedBodyIsMalformed(String chunks) throws Exception {
        String answer = raw("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);
        assertThat(answer).startsWith("HTTP/1.1 400").contains(Problem.CONTENT_TYPE).contains("\"status\":400")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldReadAWellFormedChunkedBody() throws Exception {
        String answer = raw("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("{\"size\":1}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=ISO-8859-1", "application/json;charset=utf-16", "application/json; charset=\"latin1\"",
            "application/json; charset=utf8x"})
    void shouldAnswer415WhenTheCharsetIsNotUtf8(String contentType) throws Exception {
        HttpResponse<String> answer = post(Map.of("Content-Type", contentType), "{\"a\":1}");
        assertProblem(answer, 415);
        assertThat(answer.body()).contains("UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/json;charset=\"UTF-8\"", "application/json; CHARSET=Utf-8"})
    void shouldReadJsonWhenTheCharsetIsUtf8OrAbsent(String contentType) throws Exception {
        assertThat(post(Map.of("Content-Type", contentType), "{\"a\":1}").body()).isEqualTo("{\"size\":1}");
    }

    @Test
    void shouldAnswer400WhenContentTypeIsSentTwice() throws Exception {
        String answer = raw("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 7\r\nConnection: close\r\n\r\n{\"a\":1}");
        assertThat(answer).startsWith("HTTP/1.1 400").contains(Problem.CONTENT_TYPE).contains("Content-Type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "deflate", "identity, gzip", "x-custom"})
    void shouldAnswer415WhenTheBodyIsInAnEncodingTheServerDoesNotDecode(String encoding) throws Exception {
        HttpResponse<String> answer = post(Map.of("Content-Type", "application/json", "Content-Encoding", encoding), "{\"a\":1}");
        assertProblem(answer, 415);
        assertThat(answer.body()).contains("Content-Encoding");
    }

    @Test
    void shouldReadABodyWhoseEncodingIsIdentity() throws Exception {
        assertThat(post(Map.of("Content-Type", "application/json", "Content-Encoding", "identity"), "{\"a\":1}").body()).isEqualTo("{\"size\":1}");
    }

    @Test
    void shouldAnswer405WithAllowWhenTheMethodIsWrongOnAKnownPath() throws Exception {
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/things/7"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(put, 405);
        assertThat(put.headers().firstValue("Allow")).hasValueSatisfying(allow ->
                assertThat(allow.split(",\\s*")).containsExactlyInAnyOrder("GET", "DELETE"));

        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/echo")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(get, 405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");

        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/nowhere")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(unknown, 404);
    }
}
