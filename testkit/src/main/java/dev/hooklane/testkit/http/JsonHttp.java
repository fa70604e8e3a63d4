package dev.hooklane.testkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.testkit.openapi.OpenApiContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tests' client for the services' JSON APIs: JSON bodies, an optional Bearer key, extra
 * headers. A transport failure (refused, reset, timed out) is an answer with status 0 and the
 * failure as its body, so fault scenarios can count it and other tests fail on it with the cause.
 */
public final class JsonHttp {

    /** One answer; {@code status} 0 when no answer came. */
    public record Answer(int status, String body, HttpHeaders headers) {

        private static final int SHOWN = 1_000;

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The fields named in a problem answer's {@code errors} list. */
        public List<String> errorFields() {
            return json().path("errors").findValuesAsText("field");
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > SHOWN ? body.substring(0, SHOWN) + "..." : body);
        }
    }

    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final Duration timeout;
    private final Function<URI, Optional<OpenApiContract>> documents;

    private JsonHttp(String baseUrl, Duration timeout, Function<URI, Optional<OpenApiContract>> documents) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.documents = documents;
    }

    /**
     * @param baseUrl put before every path given; empty when paths are whole URLs
     * @param timeout how long one request may take
     */
    public JsonHttp(String baseUrl, Duration timeout) {
        this(baseUrl, timeout, url -> Optional.empty());
    }

    /** A client for whole URLs, waiting up to 30 s per request. */
    public JsonHttp() {
        this("", Duration.ofSeconds(30));
    }

    /** A client for whole URLs. */
    public JsonHttp(Duration timeout) {
        this("", timeout);
    }

    /** A client for paths under {@code baseUrl}, waiting up to 30 s per request. */
    public JsonHttp(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(30));
    }

    /** A client for paths of a service on this host's {@code port}. */
    public JsonHttp(int port) {
        this("http://127.0.0.1:" + port);
    }

    /**
     * This client, holding every exchange of {@link #send(String, String, String, String, Map)} to
     * {@code document}: an exchange the document does not allow fails with what it disagrees on, so
     * that the tests keep code and document together.
     */
    public JsonHttp checkedAgainst(OpenApiContract document) {
        return new JsonHttp(baseUrl, timeout, url -> Optional.of(document));
    }

    /** Like {@link #checkedAgainst}, against the document the answering service serves; none for a service without one. */
    public JsonHttp checkedAgainstServedDocuments() {
        return new JsonHttp(baseUrl, timeout, OpenApiContract::servedFor);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * @param key sent as a Bearer token unless null
     * @param body sent as {@code application/json} unless null or {@code headers} name another Content-Type
     */
    public Answer send(String method, String path, String key, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        return send(request.build(), body);
    }

    /**
     * Sends a request built by the caller (odd or repeated headers) whose body is {@code body}, and
     * holds the exchange to the document as {@link #send(String, String, String, String, Map)} does.
     */
    public Answer send(HttpRequest request, String body) {
        Answer answer = send(request);
        if (answer.status() != 0) {
            documents.apply(request.uri()).ifPresent(document -> {
                URI url = request.uri();
                Optional<String> requestType = Optional.ofNullable(body).map(sent -> request.headers().firstValue("Content-Type").orElse(""));
                List<String> violations = document.violations(new OpenApiContract.Exchange(request.method(),
                        url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()), requestType, body,
                        answer.status(), answer.header("Content-Type"), answer.body(), answer.header("Allow")));
                if (!violations.isEmpty()) {
                    throw new AssertionError("the exchange disagrees with the OpenAPI document: " + violations);
                }
            });
        }
        return answer;
    }

    public Answer send(String method, String path, String key, String body) {
        return send(method, path, key, body, Map.of());
    }

    /** Sends a request built by the caller, for what the other methods do not say (raw bytes, odd headers), unchecked. */
    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            return new Answer(0, e.toString(), NO_HEADERS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", NO_HEADERS);
        }
    }

    public Answer get(String path, String key) {
        return send("GET", path, key, null);
    }

    public Answer post(String path, String key, String body) {
        return send("POST", path, key, body);
    }

    public Answer patch(String path, String key, String body) {
        return send("PATCH", path, key, body);
    }

    public Answer delete(String path, String key) {
        return send("DELETE", path, key, null);
    }
}
