package dev.hooklane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Hooklane HTTP API as the command line calls it: JSON in and out, the key as a bearer token,
 * and every problem answer (RFC 9457) turned into a {@link CliException} that prints its title,
 * detail and field errors with the exit code the status calls for.
 */
public final class Api {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String key;

    public Api(String baseUrl, String key) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.key = key;
    }

    public JsonNode get(String path) {
        return send("GET", path, null, Map.of());
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public JsonNode post(String path, Object body, Optional<String> idempotencyKey) {
        return send("POST", path, body, idempotencyKey.map(k -> Map.of("Idempotency-Key", k)).orElse(Map.of()));
    }

    public JsonNode patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** {@code path?name=value&...} with the values encoded; absent values are left out. */
    public static String query(String path, Map<String, ?> parameters) {
        Map<String, Object> present = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        if (present.isEmpty()) {
            return path;
        }
        return path + "?" + present.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A path segment, encoded. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** @return the answer's JSON; an empty object for 204 */
    private JsonNode send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + key).header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "hooklane-cli");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "cannot reach " + baseUrl + ": " + Optional.ofNullable(e.getMessage()).orElse(e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNAVAILABLE, "interrupted while calling " + baseUrl);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), answer, method + " " + path);
        }
        return answer;
    }

    private static String json(Object body) {
        try {
            return body instanceof String text ? text : Json.mapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a request body could not be written as JSON", e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().createObjectNode().put("detail", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    /** The problem as the user reads it: {@code Title (status): detail} and one line per field error. */
    static CliException problem(int status, JsonNode problem, String request) {
        StringBuilder message = new StringBuilder(problem.path("title").asText("HTTP " + status)).append(" (").append(status).append(")");
        String detail = problem.path("detail").asText("");
        message.append(detail.isEmpty() ? "" : ": " + detail);
        for (JsonNode error : problem.path("errors")) {
            message.append(System.lineSeparator()).append("  ").append(error.path("field").asText()).append(": ").append(error.path("message").asText());
        }
        if (status == 401 || status == 403) {
            return new CliException(ExitCodes.UNAUTHORIZED, message + System.lineSeparator() + "  (" + request + "; check the key: hooklane login)");
        }
        int code = status == 429 || status >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.REFUSED;
        return new CliException(code, message.toString());
    }
}
