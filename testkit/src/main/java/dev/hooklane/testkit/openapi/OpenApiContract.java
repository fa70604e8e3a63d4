package dev.hooklane.testkit.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.hooklane.contracts.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks HTTP exchanges against a service's OpenAPI 3.1 document: the operation exists, the answer's
 * status and media type are documented for it, the answer's body fits the documented schema, and
 * the body of a request the service accepted fits the documented request schema. Schemas are JSON
 * Schema 2020-12, checked by a real validator; {@code $ref}s into {@code #/components} resolve
 * against the document.
 */
public final class OpenApiContract {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<URI, Optional<OpenApiContract>> SERVED = new ConcurrentHashMap<>();
    /** The methods a document's operations use; HEAD and OPTIONS are the server's own. */
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    /** The shared response that describes every 405 of a document: a method its path does not have. */
    public static final String METHOD_NOT_ALLOWED = "MethodNotAllowed";

    private final JsonNode document;
    private final List<Map.Entry<Pattern, JsonNode>> paths = new ArrayList<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        List<String> templates = new ArrayList<>();
        document.get("paths").fieldNames().forEachRemaining(templates::add);
        // Literal paths before templated ones, so /v1/x/secret never matches /v1/x/{id}.
        templates.sort(Comparator.comparingLong((String t) -> t.chars().filter(c -> c == '{').count()));
        for (String template : templates) {
            String regex = Pattern.quote(template).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q");
            paths.add(Map.entry(Pattern.compile(regex), document.get("paths").get(template)));
        }
    }

    /** The document in {@code bytes} (JSON). */
    public static OpenApiContract of(byte[] bytes) {
        try {
            return new OpenApiContract(Json.mapper().readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON document", e);
        }
    }

    /** The document in the class path resource {@code resource}. */
    public static OpenApiContract fromResource(String resource) {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * The document the service at {@code url}'s origin serves at {@code /openapi.json}, read once per
     * origin; empty for a service that serves none (the router, the worker).
     */
    public static Optional<OpenApiContract> servedFor(URI url) {
        URI origin = url.resolve("/");
        return SERVED.computeIfAbsent(origin, o -> {
            try {
                HttpResponse<byte[]> document = HTTP.send(HttpRequest.newBuilder(o.resolve("/openapi.json")).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (document.statusCode() != 200) {
                    return Optional.empty();
                }
                JsonNode tree = Json.mapper().readTree(document.body());
                return tree.has("openapi") ? Optional.of(new OpenApiContract(tree)) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the document of " + o, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
    }

    /**
     * One request and its answer, as seen by a client.
     *
     * @param allow the answer's {@code Allow} header, which a 405 must carry
     */
    public record Exchange(String method, String path, Optional<String> requestType, String requestBody, int status,
                           Optional<String> responseType, String responseBody, Optional<String> allow) {

        /** An exchange whose answer has no {@code Allow} header. */
        public Exchange(String method, String path, Optional<String> requestType, String requestBody, int status,
                        Optional<String> responseType, String responseBody) {
            this(method, path, requestType, requestBody, status, responseType, responseBody, Optional.empty());
        }
    }

    /** What in {@code exchange} the document does not allow; empty when they agree. */
    public List<String> violations(Exchange exchange) {
        String where = exchange.method() + " " + exchange.path() + " -> " + exchange.status() + ": ";
        String path = withoutTrailingSlash(exchange.path().split("\\?", 2)[0]);
        Optional<JsonNode> item = paths.stream().filter(p -> p.getKey().matcher(path).matches()).map(Map.Entry::getValue).findFirst();
        JsonNode operation = item.map(i -> i.get(exchange.method().toLowerCase(Locale.ROOT))).orElse(null);
        if (operation == null) {
            return item.map(i -> methodNotAllowed(i, exchange)).orElseGet(() -> exchange.status() == 404 ? List.of()
                    : List.of("the document has no such path")).stream().map(v -> where + v).toList();
        }
        List<String> violations = new ArrayList<>();
        if (exchange.status() / 100 == 2 && exchange.requestBody() != null && !exchange.requestBody().isEmpty()) {
            JsonNode content = resolve(operation.path("requestBody")).path("content");
            body("request", content, exchange.requestType(), exchange.requestBody(), violations);
        }
        JsonNode response = resolve(operation.path("responses").path(String.valueOf(exchange.status())));
        if (response.isMissingNode()) {
            violations.add("the status is not documented for the operation");
        } else if (response.has("content")) {
            body("answer", response.get("content"), exchange.responseType(), exchange.responseBody(), violations);
        } else if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
            violations.add("the answer has a body the document does not describe");
        }
        return violations.stream().map(v -> where + v).toList();
    }

    /**
     * A method the document does not list for a path it does: the service must answer 405 as the
     * document's shared {@code MethodNotAllowed} response says, with {@code Allow} naming exactly the
     * documented methods of the path.
     */
    private List<String> methodNotAllowed(JsonNode item, Exchange exchange) {
        if (exchange.status() != 405) {
            return List.of("the document has no such operation, which is answered 405, not " + exchange.status());
        }
        JsonNode response = document.path("components").path("responses").path(METHOD_NOT_ALLOWED);
        if (response.isMissingNode()) {
            return List.of("the document has no components/responses/" + METHOD_NOT_ALLOWED + " to describe the 405 answer");
        }
        List<String> violations = new ArrayList<>();
        body("answer", response.path("content"), exchange.responseType(), exchange.responseBody(), violations);
        Set<String> documented = new TreeSet<>();
        item.fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                documented.add(method.toUpperCase(Locale.ROOT));
            }
        });
        Set<String> allowed = new TreeSet<>();
        exchange.allow().ifPresent(allow -> Arrays.stream(allow.split(",")).map(String::strip).filter(m -> !m.isEmpty())
                .filter(m -> METHODS.contains(m.toLowerCase(Locale.ROOT))).forEach(allowed::add));
        if (!allowed.equals(documented)) {
            violations.add("Allow " + exchange.allow().orElse("(none)") + " does not name the documented methods " + documented);
        }
        return violations;
    }

    /** The services ignore a trailing slash, and so does the document's path matching. */
    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private void body(String what, JsonNode content, Optional<String> type, String body, List<String> violations) {
        String mediaType = type.map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            // Any other content type fits a binary-mode CloudEvent's data; only JSON types are described.
            if (!content.isMissingNode() && (mediaType.endsWith("json") || what.equals("answer"))) {
                violations.add("the " + what + "'s content type '" + mediaType + "' is not documented");
            }
            return;
        }
        if (!media.has("schema") || !mediaType.endsWith("json")) {
            return;
        }
        JsonNode value;
        try {
            value = Json.mapper().readTree(body);
        } catch (IOException e) {
            violations.add("the " + what + " is not JSON");
            return;
        }
        for (Error error : schema(media.get("schema")).validate(value)) {
            violations.add("the " + what + " does not fit the documented schema: " + error);
        }
    }

    private Schema schema(JsonNode schema) {
        return compiled.computeIfAbsent(schema.toString(), text -> {
            ObjectNode root = Json.mapper().createObjectNode();
            root.set("allOf", Json.mapper().createArrayNode().add(schema));
            root.set("components", document.path("components"));
            return SCHEMAS.getSchema(root);
        });
    }

    /** Follows an OpenAPI {@code $ref} (a response, a request body) into the document. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        return current;
    }

    /** The documented methods of the path template {@code path}, upper case; empty for a path the document lacks. */
    public List<String> methods(String path) {
        List<String> methods = new ArrayList<>();
        document.path("paths").path(path).fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                methods.add(method.toUpperCase(Locale.ROOT));
            }
        });
        return methods;
    }

    /** The query parameters of an operation ({@code METHOD path}), of the path and of the operation, with their schemas. */
    public Map<String, JsonNode> queryParameters(String operation) {
        String[] parts = operation.split(" ", 2);
        JsonNode item = document.path("paths").path(parts[1]);
        Map<String, JsonNode> parameters = new java.util.LinkedHashMap<>();
        for (JsonNode list : List.of(item.path("parameters"), item.path(parts[0].toLowerCase(Locale.ROOT)).path("parameters"))) {
            for (JsonNode parameter : list) {
                JsonNode resolved = resolve(parameter);
                if (resolved.path("in").asText().equals("query")) {
                    parameters.put(resolved.path("name").asText(), resolved.path("schema"));
                }
            }
        }
        return parameters;
    }

    /** The security schemes any of which an operation ({@code METHOD path}) takes: its own, else the document's. */
    public Set<String> securitySchemes(String operation) {
        String[] parts = operation.split(" ", 2);
        JsonNode own = document.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT)).path("security");
        Set<String> schemes = new TreeSet<>();
        for (JsonNode requirement : own.isMissingNode() ? document.path("security") : own) {
            requirement.fieldNames().forEachRemaining(schemes::add);
        }
        return schemes;
    }

    /** Every operation of the document as {@code METHOD path}. */
    public List<String> operations() {
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return operations;
    }
}
