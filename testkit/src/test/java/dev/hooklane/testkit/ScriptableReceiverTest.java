package dev.hooklane.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.testkit.receiver.Behaviour;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptableReceiverTest {

    private final ScriptableReceiver receiver = ScriptableReceiver.start();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private HttpResponse<String> post(String path, String body, Duration timeout) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(receiver.url(path))).timeout(timeout)
                .header("webhook-id", "msg_1").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldFollowTheScriptThenTheSteadyAnswer() throws Exception {
        receiver.script("/a", Behaviour.status(500), Behaviour.statusWithRetryAfter(429, "7"));
        receiver.always("/a", Behaviour.status(204));

        assertThat(post("/a", "1", Duration.ofSeconds(5)).statusCode()).isEqualTo(500);
        HttpResponse<String> limited = post("/a", "2", Duration.ofSeconds(5));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(post("/a", "3", Duration.ofSeconds(5)).statusCode()).isEqualTo(204);
        assertThat(post("/other", "4", Duration.ofSeconds(5)).statusCode()).isEqualTo(200);

        assertThat(receiver.requests("/a")).extracting(r -> r.bodyText()).containsExactly("1", "2", "3");
        assertThat(receiver.requests().get(0).webhookId()).isEqualTo("msg_1");
    }

    @Test
    void shouldChooseTheAnswerPerRequestWhenGivenAChooser() throws Exception {
        receiver.otherwise(request -> request.bodyText().equals("fail") ? Behaviour.status(503) : Behaviour.status(202));

        assertThat(post("/any", "fail", Duration.ofSeconds(5)).statusCode()).isEqualTo(503);
        assertThat(post("/any", "pass", Duration.ofSeconds(5)).statusCode()).isEqualTo(202);
    }

    @Test
    void shouldHangUntilTheClientGivesUp() {
        receiver.always("/hang", Behaviour.hang());
        assertThatThrownBy(() -> post("/hang", "x", Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        // On a loaded machine the client may give up before the receiver has recorded the request.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests("/hang").size() == 1);
    }

    @Test
    void shouldResetTheConnection() {
        receiver.always("/reset", Behaviour.reset());
        assertThatThrownBy(() -> post("/reset", "x", Duration.ofSeconds(5))).isInstanceOf(IOException.class);
    }

    @Test
    void shouldAnswerSlowly() throws Exception {
        receiver.always("/slow", Behaviour.slow(202, Duration.ofMillis(300)));
        long start = System.nanoTime();
        assertThat(post("/slow", "x", Duration.ofSeconds(5)).statusCode()).isEqualTo(202);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
