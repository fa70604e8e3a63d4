package dev.hooklane.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.metrics.ServiceMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A route that refuses before it reads the body: the client still gets the answer, and keeps its connection. */
class UnreadBodiesTest {

    private static final int LIMIT = 1024 * 1024;
    private static final String OVER_THE_LIMIT = "{\"probe\":\"" + "x".repeat(LIMIT) + "\"}";
    private final ServiceMetrics metrics = new ServiceMetrics();
    private HttpServer server;

    @BeforeEach
    void start() {
        server = HttpServer.start("test", new HttpSettings("127.0.0.1", 0, LIMIT), metrics.registry(), ReadinessCheck.ALWAYS,
                LivenessCheck.ALWAYS, routes -> {
                    routes.patch("/guarded", ctx -> {
                        // As a check of a key or a session takes a moment, the client is mid-upload when the refusal goes out.
                        Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                        throw new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", "no session"));
                    });
                    routes.post("/echo", ctx -> ctx.json(RequestBodies.jsonTree(ctx)));
                });
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void shouldKeepTheConnectionWhenARouteRefusesWithoutReadingTheBody() throws IOException {
        String answers = exchange("PATCH /guarded HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: "
                + OVER_THE_LIMIT.length() + "\r\n\r\n" + OVER_THE_LIMIT + "GET /health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");

        assertThat(answers).startsWith("HTTP/1.1 401").contains("HTTP/1.1 200").contains("\"status\":\"UP\"");
    }

    @Test
    void shouldDrainABodyOverTheLimitAndAnswer413OnTheSameConnection() throws IOException {
        String answers = exchange("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: "
                + OVER_THE_LIMIT.length() + "\r\n\r\n" + OVER_THE_LIMIT + "GET /health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");

        assertThat(answers).startsWith("HTTP/1.1 413").contains(Problem.CONTENT_TYPE).contains("HTTP/1.1 200");
    }

    @Test
    void shouldDrainAChunkedBodyOfAnUnknownRoute() throws IOException {
        String answers = exchange("POST /nowhere HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\nGET /health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");

        assertThat(answers).startsWith("HTTP/1.1 404").contains("HTTP/1.1 200");
    }

    @Test
    void shouldKeepTheAnswerWhenTheUnreadBodyIsMalformed() throws IOException {
        String answer = exchange("POST /nowhere HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "ZZ\r\n{}\r\n0\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 404").contains(Problem.CONTENT_TYPE).doesNotContain("\"status\":500");
    }

    @Test
    void shouldCloseRatherThanReadABodyFarOverTheLimit() throws IOException {
        // Only the head is sent: the server answers without waiting for the body it will not read.
        String answer = exchange("PATCH /guarded HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: "
                + (3L * LIMIT) + "\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 401").containsIgnoringCase("Connection: close");
    }

    @Test
    void shouldGiveEveryRefusalToAClientStillSendingItsBody() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            for (String body : List.of("{}", OVER_THE_LIMIT)) {
                try {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/guarded"))
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 401) {
                        lost.add("answered " + answer.statusCode());
                    }
                } catch (IOException e) {
                    lost.add(e.toString());
                }
            }
        }
        assertThat(lost).isEmpty();
    }

    /** Writes {@code requests} on one connection and reads until the server closes it (or goes quiet). */
    private String exchange(String requests) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answers = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    answers.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException quiet) {
                // The connection stayed open with nothing more to say.
            }
            return answers.toString(StandardCharsets.UTF_8);
        }
    }
}
