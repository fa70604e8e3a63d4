package dev.hooklane.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonHttpTest {

    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String body = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"authorization\":\""
                    + exchange.getRequestHeaders().getFirst("Authorization") + "\",\"contentType\":\""
                    + exchange.getRequestHeaders().getFirst("Content-Type") + "\",\"ifMatch\":\""
                    + exchange.getRequestHeaders().getFirst("If-Match") + "\",\"length\":" + request.length + "}";
            exchange.getResponseHeaders().add("ETag", "\"7\"");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.createContext("/problem", exchange -> {
            byte[] bytes = "{\"status\":422,\"errors\":[{\"field\":\"url\"},{\"field\":\"eventTypes\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(422, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void shouldSendTheKeyTheJsonBodyAndExtraHeadersAndReadTheAnswer() {
        JsonHttp http = new JsonHttp(server.getAddress().getPort());

        JsonHttp.Answer answer = http.send("PATCH", "/echo", "key-1", "{\"a\":1}", Map.of("If-Match", "W-6"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("method").asText()).isEqualTo("PATCH");
        assertThat(answer.json().path("authorization").asText()).isEqualTo("Bearer key-1");
        assertThat(answer.json().path("contentType").asText()).isEqualTo("application/json");
        assertThat(answer.json().path("ifMatch").asText()).isEqualTo("W-6");
        assertThat(answer.json().path("length").asInt()).isEqualTo(7);
        assertThat(answer.header("etag")).contains("\"7\"");
    }

    @Test
    void shouldSendNeitherKeyNorContentTypeWhenThereAreNone() {
        JsonHttp.Answer answer = new JsonHttp().get("http://127.0.0.1:" + server.getAddress().getPort() + "/echo", null);

        assertThat(answer.json().path("authorization").asText()).isEqualTo("null");
        assertThat(answer.json().path("contentType").asText()).isEqualTo("null");
        assertThat(answer.json().path("length").asInt()).isZero();
    }

    @Test
    void shouldListTheFieldsAProblemNames() {
        JsonHttp.Answer answer = new JsonHttp(server.getAddress().getPort()).post("/problem", "key", "{}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.errorFields()).containsExactly("url", "eventTypes");
    }

    @Test
    void shouldAnswerStatusZeroWithTheCauseWhenNothingAnswers() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        JsonHttp.Answer answer = new JsonHttp(closedPort).get("/anything", null);

        assertThat(answer.status()).isZero();
        assertThat(answer.body()).contains("ConnectException");
        assertThat(answer.header("Content-Type")).isEmpty();
    }
}
