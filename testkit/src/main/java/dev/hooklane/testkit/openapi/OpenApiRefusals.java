package dev.hooklane.testkit.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.testkit.http.JsonHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Provokes, on every operation and path of a document, the refusals that the services' HTTP edge
 * gives to any route: two {@code Content-Type} headers (400), a charset other than UTF-8 or a
 * {@code Content-Encoding} (415), a method the path does not have (405 with {@code Allow}), and
 * for every method that takes a body, a body that is not JSON, two JSON values, another media type,
 * a number that cannot be kept and a body over the size limit; for every typed query parameter, a
 * value of the wrong type; last, every operation that takes an API key from a client that sent too
 * many bad ones (429). Each exchange goes through a client checked against the document, so an
 * answer the document does not list is reported with what it disagrees on.
 */
public final class OpenApiRefusals {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    /** The security scheme of API keys, which the services throttle after too many bad ones from one client. */
    private static final String API_KEY_SCHEME = "bearer";
    private static final int MAX_BAD_KEYS = 200;

    private final JsonHttp http;
    private final OpenApiContract document;
    private final Function<String, String> keyFor;
    private final long maxRequestBytes;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param http a client of the service; its exchanges are checked against {@code document}
     * @param keyFor the API key to send to a path (an admin key to admin paths), so that requests reach the route's own checks
     * @param maxRequestBytes the service's body limit; a body one byte over it must be refused
     */
    private OpenApiRefusals(JsonHttp http, OpenApiContract document, Function<String, String> keyFor, long maxRequestBytes) {
        this.http = http.checkedAgainst(document);
        this.document = document;
        this.keyFor = keyFor;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * Every way the probes disagree with the document or with the expected refusal; empty when the
     * document lists every refusal the service gave.
     */
    public static List<String> disagreements(JsonHttp http, OpenApiContract document, Function<String, String> keyFor, long maxRequestBytes) {
        OpenApiRefusals probes = new OpenApiRefusals(http, document, keyFor, maxRequestBytes);
        for (String operation : document.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            probes.entityHeaders(method, template);
            if (BODY_METHODS.contains(method)) {
                probes.bodies(method, template);
            }
            probes.queries(operation, template);
        }
        document.operations().stream().map(operation -> operation.substring(operation.indexOf(' ') + 1)).distinct()
                .forEach(probes::methods);
        probes.throttled();
        return probes.problems;
    }

    private void entityHeaders(String method, String template) {
        String body = BODY_METHODS.contains(method) ? "{}" : null;
        expect(Set.of(400), "two Content-Type headers", request(method, template, body)
                .header("Content-Type", "application/json").header("Content-Type", "application/json"), body);
        expect(Set.of(415), "charset=iso-8859-1", request(method, template, body).header("Content-Type", "application/json; charset=iso-8859-1"), body);
        expect(Set.of(415), "Content-Encoding gzip", request(method, template, body).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip"), body);
    }

    /** A route may check its caller or its resource before it reads the body: any refusal is right, if the document lists it. */
    private void bodies(String method, String template) {
        Set<Integer> refused = Set.of(400, 401, 403, 404, 409, 412, 413, 415, 422, 429);
        json(refused, "a body that is not JSON", method, template, "application/json", "{\"a\":");
        json(refused, "two JSON values", method, template, "application/json", "{}{}");
        json(refused, "a body as text/plain", method, template, "text/plain", "{}");
        json(refused, "a number beyond double range", method, template, "application/json", "{\"probe\":1e400}");
        json(refused, "a number that underflows double", method, template, "application/json", "{\"probe\":1e-400}");
        json(refused, "a body over the limit", method, template, "application/json",
                "{\"probe\":\"" + "x".repeat((int) maxRequestBytes) + "\"}");
    }

    private void queries(String operation, String template) {
        document.queryParameters(operation).forEach((name, schema) -> {
            if (typed(schema)) {
                String method = operation.substring(0, operation.indexOf(' '));
                String body = BODY_METHODS.contains(method) ? "{}" : null;
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.baseUrl() + path(template) + "?" + name + "="
                        + URLEncoder.encode("not-a-value", StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(60))
                        .method(method, publisher(body));
                keyed(request, template);
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                expect(Set.of(400, 401, 403, 404, 422, 429), "query parameter " + name + " of the wrong type", request, body);
            }
        });
    }

    /** A parameter whose schema says more than "text": a number, a boolean, a closed set or a date. */
    private static boolean typed(JsonNode schema) {
        String type = schema.path("type").asText();
        return type.equals("integer") || type.equals("number") || type.equals("boolean") || schema.has("enum")
                || schema.path("format").asText().equals("date-time");
    }

    private void methods(String template) {
        List<String> documented = document.methods(template);
        for (String method : METHODS) {
            if (!documented.contains(method)) {
                expect(Set.of(405), method + " on a path without it", request(method, template, null), null);
            }
        }
    }

    /**
     * Last, as it locks this client out: bad keys until the service throttles the client, then every
     * operation that takes an API key, with a good one, must answer 429.
     */
    private void throttled() {
        List<String> keyed = document.operations().stream().filter(operation -> document.securitySchemes(operation).contains(API_KEY_SCHEME)).toList();
        if (keyed.isEmpty()) {
            return;
        }
        String first = keyed.getFirst();
        URI url = URI.create(http.baseUrl() + path(first.substring(first.indexOf(' ') + 1)));
        boolean throttled = false;
        for (int attempt = 0; attempt < MAX_BAD_KEYS && !throttled; attempt++) {
            throttled = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer hk_not-a-key")
                    .method(first.substring(0, first.indexOf(' ')), HttpRequest.BodyPublishers.noBody()).build()).status() == 429;
        }
        if (!throttled) {
            problems.add("no 429 after " + MAX_BAD_KEYS + " requests with a bad key to " + first);
            return;
        }
        for (String operation : keyed) {
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            String body = BODY_METHODS.contains(method) ? "{}" : null;
            HttpRequest.Builder request = request(method, template, body);
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            // A route that reads which call it is from the query (seed 002's entry points) may refuse a missing one first.
            expect(Set.of(422, 429), "a client that sent too many bad keys", request, body);
        }
    }

    private void json(Set<Integer> expected, String what, String method, String template, String contentType, String body) {
        expect(expected, what, request(method, template, body).header("Content-Type", contentType), body);
    }

    private HttpRequest.Builder request(String method, String template, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.baseUrl() + path(template))).timeout(Duration.ofSeconds(60))
                .method(method, publisher(body));
        keyed(request, template);
        return request;
    }

    private void keyed(HttpRequest.Builder request, String template) {
        String key = keyFor.apply(template);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
    }

    private static HttpRequest.BodyPublisher publisher(String body) {
        return body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    }

    /** The template with every parameter filled: no such resource exists, which a route may answer 404 before reading on. */
    private static String path(String template) {
        return template.replaceAll("\\{[^/}]+}", "probe");
    }

    private void expect(Set<Integer> expected, String what, HttpRequest.Builder request, String body) {
        HttpRequest built = request.build();
        String where = built.method() + " " + built.uri().getRawPath() + " with " + what + ": ";
        try {
            JsonHttp.Answer answer = http.send(built, body);
            if (!expected.contains(answer.status())) {
                problems.add(where + "answered " + answer + ", expected one of " + expected);
            } else if (!answer.header("Content-Type").orElse("").startsWith("application/problem+json")) {
                problems.add(where + "answered " + answer.status() + " without application/problem+json");
            }
        } catch (AssertionError e) {
            problems.add(where + e.getMessage());
        }
    }
}
