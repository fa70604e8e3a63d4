package dev.hooklane.subscriptions.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.testkit.openapi.OpenApiContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client for the API tests: JSON bodies, a key, extra headers. */
public final class ApiClient {

    /** One answer. */
    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        /** The fields named in a problem answer's errors list. */
        public List<String> errorFields() {
            return json().path("errors").findValuesAsText("field");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static final OpenApiContract CONTRACT = OpenApiContract.fromResource("openapi.json");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public ApiClient(int port) {
        this("http://127.0.0.1:" + port);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** @param key sent as a Bearer token unless null */
    public Reply send(String method, String path, String key, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // Every exchange of the tests is held to the served document, so code and document cannot drift apart.
            Optional<String> type = body == null ? Optional.empty()
                    : Optional.of(headers.getOrDefault("Content-Type", headers.getOrDefault("content-type", "application/json")));
            assertThat(CONTRACT.violations(new OpenApiContract.Exchange(method, path, type, body, response.statusCode(),
                    response.headers().firstValue("Content-Type"), response.body()))).isEmpty();
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public Reply post(String path, String key, String body) {
        return send("POST", path, key, body, Map.of());
    }

    public Reply patch(String path, String key, String body) {
        return send("PATCH", path, key, body, Map.of());
    }

    public Reply get(String path, String key) {
        return send("GET", path, key, null, Map.of());
    }

    public Reply delete(String path, String key) {
        return send("DELETE", path, key, null, Map.of());
    }
}
