package dev.hooklane.reliability.badinput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bad requests generated from the categories of input a public API must survive: malformed and
 * truncated JSON, a second value after the first, wrong types and coerced numbers, numbers beyond
 * double range or too close to zero for it, huge and deeply nested bodies, invalid UTF-8, unpaired surrogates and control
 * characters in ids and names, overlong headers and URLs, unknown fields, injection strings, wrong
 * content types, charsets and content encodings, wrong methods, missing and wrong credentials.
 * Each must be refused with a 4xx problem and change nothing.
 */
final class BadInputCorpus {

    /** One request; {@code key} is the API key to send, or null for none. */
    record BadRequest(String category, String method, String path, Map<String, String> headers, byte[] body, String key) {
        @Override
        public String toString() {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            return category + ": " + method + " " + (path.length() > 80 ? path.substring(0, 80) + "..." : path)
                    + " " + (text.length() > 60 ? text.substring(0, 60) + "..." : text);
        }
    }

    static final List<String> INJECTIONS = List.of("' OR '1'='1", "\"; DROP TABLE subscriptions; --", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1:1389/a}", "../../../../etc/passwd", "%00", "\u0000", "{{7*7}}", "$(id)", "`id`", "|| ping -c 1 127.0.0.1",
            "\r\nX-Injected: 1", "%0d%0aSet-Cookie:x=1", "javascript:alert(1)", "file:///etc/passwd", "gopher://127.0.0.1:25/_HELO",
            "\u202e\u0645", "\ud83d\ude00".repeat(300), "A".repeat(5000), "<!--#exec cmd=\"id\"-->");

    private static final String VALID_EVENT = "{\"type\":\"order.created\",\"source\":\"/orders\",\"subject\":\"o-1\",\"data\":{\"id\":\"o-1\",\"total\":12.5}}";
    private static final String VALID_SUBSCRIPTION = "{\"url\":\"https://example.com/hook\",\"eventTypes\":[\"order.created\"],\"name\":\"n\"}";

    private final String tenantKey;
    private final String otherKeyRevokedOrBogus;
    private final String subscriptionId;

    /**
     * @param tenantKey a working key, so that requests get past authentication to the parsers
     * @param bogusKey a key the platform does not know
     * @param subscriptionId an existing subscription of the key's tenant, for PATCH bodies
     */
    BadInputCorpus(String tenantKey, String bogusKey, String subscriptionId) {
        this.tenantKey = tenantKey;
        this.otherKeyRevokedOrBogus = bogusKey;
        this.subscriptionId = subscriptionId;
    }

    List<BadRequest> ingest() {
        List<BadRequest> all = new ArrayList<>(forBodyEndpoint("ingest", "POST", "/v1/events", VALID_EVENT, eventWrongTypes(), eventInjections(),
                List.of("{\"type\":\"order.created\",\"data\":{},\"extra\":1}", "{\"type\":\"order.created\",\"data\":{},\"tenant\":\"other\"}",
                        "{\"type\":\"order.created\",\"data\":{},\"__proto__\":{}}", "[{\"type\":\"a.b\",\"data\":{},\"x\":1}]")));
        for (String version : List.of("0.3", "1.1", "")) {
            all.add(new BadRequest("ingest/binary-specversion", "POST", "/v1/events", Map.of("Content-Type", "application/json",
                    "ce-specversion", version, "ce-id", "b-1", "ce-source", "/s", "ce-type", "a.b"), "{}".getBytes(StandardCharsets.UTF_8), tenantKey));
        }
        all.add(new BadRequest("ingest/binary-data", "POST", "/v1/events", Map.of("Content-Type", "application/json", "ce-specversion", "1.0",
                "ce-id", "b-2", "ce-source", "/s", "ce-type", "a.b"), "{\"a\":1}{\"b\":2}".getBytes(StandardCharsets.UTF_8), tenantKey));
        all.add(new BadRequest("ingest/binary-data", "POST", "/v1/events", Map.of("Content-Type", "application/json", "ce-specversion", "1.0",
                "ce-id", "b-3", "ce-source", "/s", "ce-type", "a.b"), "{\"a\":1e400}".getBytes(StandardCharsets.UTF_8), tenantKey));
        all.add(new BadRequest("ingest/binary-data", "POST", "/v1/events", Map.of("Content-Type", "application/json", "ce-specversion", "1.0",
                "ce-id", "b-4", "ce-source", "/s", "ce-type", "a.b"), "{\"a\":-1e-400}".getBytes(StandardCharsets.UTF_8), tenantKey));
        all.addAll(wrongMethods(List.of("GET", "PUT", "PATCH", "DELETE"), "/v1/events"));
        return all;
    }

    List<BadRequest> api() {
        List<BadRequest> all = new ArrayList<>();
        all.addAll(forBodyEndpoint("subscriptions", "POST", "/v1/subscriptions", VALID_SUBSCRIPTION, subscriptionWrongTypes(),
                subscriptionInjections(), List.of("{\"url\":\"https://example.com/h\",\"eventTypes\":[\"a\"],\"owner\":\"root\"}",
                        "{\"url\":\"https://example.com/h\",\"eventTypes\":[\"a\"],\"tenant\":\"beta\"}",
                        "{\"url\":\"https://example.com/h\",\"eventTypes\":[\"a\"],\"id\":\"mine\"}")));
        all.addAll(forBodyEndpoint("patch", "PATCH", "/v1/subscriptions/" + subscriptionId, "{\"name\":\"x\"}",
                List.of("{\"url\":5}", "{\"eventTypes\":\"a\"}", "{\"enabled\":\"yes\"}", "{\"headers\":[1]}", "{\"filter\":{\"expression\":1}}",
                        "{\"rateLimitPerSecond\":\"fast\"}", "{\"timeoutSeconds\":-1}", "{\"secret\":\"whsec_x\"}",
                        "{\"timeoutSeconds\":1.5}", "{\"timeoutSeconds\":\"10\"}", "{\"timeoutSeconds\":99999999999}", "{\"timeoutSeconds\":1e400}",
                        "{\"enabled\":\"false\"}", "{\"name\":\"a\\u0000b\"}", "{\"name\":\"two\\nlines\"}", "{\"name\":\"\\ud800\"}"),
                INJECTIONS.stream().map(s -> "{\"url\":" + quote(s) + "}").toList(), List.of("{\"colour\":\"red\"}")));
        all.addAll(forBodyEndpoint("event-types", "POST", "/v1/event-types", "{\"name\":\"order.created\",\"description\":\"d\"}",
                List.of("{\"name\":1}", "{\"name\":[]}", "{\"name\":\"a\",\"schema\":5}", "{\"name\":\"a\",\"examples\":\"x\"}", "{\"name\":null}",
                        "{\"name\":\"a\\nb\"}", "{\"name\":\"a\\udc00\"}", "{\"name\":\"a.b\",\"examples\":[{\"n\":1e400}]}",
                        "{\"name\":\"a.b\",\"examples\":[{\"n\":1e-400}]}"),
                INJECTIONS.stream().map(s -> "{\"name\":" + quote(s) + "}").toList(), List.of("{\"name\":\"a.b\",\"unknown\":true}")));
        all.addAll(queries());
        all.addAll(wrongMethods(List.of("PUT", "DELETE", "PATCH"), "/v1/subscriptions"));
        all.addAll(wrongMethods(List.of("PUT", "POST"), "/v1/subscriptions/" + subscriptionId));
        all.addAll(wrongMethods(List.of("PUT", "DELETE"), "/v1/event-types"));
        return all;
    }

    /** Every category against one endpoint that takes a JSON body. */
    private List<BadRequest> forBodyEndpoint(String name, String method, String path, String valid, List<String> wrongTypes,
                                             List<String> injections, List<String> unknownFields) {
        List<BadRequest> requests = new ArrayList<>();
        for (String body : malformed()) {
            requests.add(json(name + "/malformed", method, path, body));
        }
        for (int cut = 1; cut < valid.length(); cut += Math.max(1, valid.length() / 25)) {
            requests.add(json(name + "/truncated", method, path, valid.substring(0, cut)));
        }
        for (String trailing : List.of(valid, " " + valid, " x", "]", "}", ",1", "\nnull")) {
            requests.add(json(name + "/second-value", method, path, valid + trailing));
        }
        wrongTypes.forEach(body -> requests.add(json(name + "/wrong-type", method, path, body)));
        injections.forEach(body -> requests.add(json(name + "/injection", method, path, body)));
        unknownFields.forEach(body -> requests.add(json(name + "/unknown-field", method, path, body)));
        requests.add(raw(name + "/huge", method, path, "application/json", huge(), tenantKey));
        requests.add(json(name + "/deep", method, path, "[".repeat(100_000) + "]".repeat(100_000)));
        requests.add(json(name + "/deep", method, path, "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));
        for (byte[] body : invalidUtf8(valid)) {
            requests.add(raw(name + "/invalid-utf8", method, path, "application/json", body, tenantKey));
        }
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                "image/png", "application/octet-stream")) {
            requests.add(raw(name + "/content-type", method, path, type, valid.getBytes(StandardCharsets.UTF_8), tenantKey));
        }
        for (String charset : List.of("iso-8859-1", "utf-16", "\"latin1\"", "utf8x")) {
            requests.add(raw(name + "/charset", method, path, "application/json; charset=" + charset, valid.getBytes(StandardCharsets.UTF_8), tenantKey));
        }
        for (String encoding : List.of("gzip", "br", "deflate", "identity, gzip")) {
            requests.add(new BadRequest(name + "/content-encoding", method, path, Map.of("Content-Type", "application/json", "Content-Encoding", encoding),
                    valid.getBytes(StandardCharsets.UTF_8), tenantKey));
        }
        requests.add(new BadRequest(name + "/header", method, path, Map.of("Content-Type", "application/json", "X-Long", "h".repeat(64 * 1024)),
                valid.getBytes(StandardCharsets.UTF_8), tenantKey));
        requests.add(new BadRequest(name + "/url", method, path + "?q=" + "u".repeat(64 * 1024), Map.of("Content-Type", "application/json"),
                valid.getBytes(StandardCharsets.UTF_8), tenantKey));
        for (Map<String, String> auth : badCredentials()) {
            Map<String, String> headers = new LinkedHashMap<>(auth);
            headers.put("Content-Type", "application/json");
            requests.add(new BadRequest(name + "/auth", method, path, headers, valid.getBytes(StandardCharsets.UTF_8), null));
        }
        return requests;
    }

    private List<BadRequest> queries() {
        List<BadRequest> requests = new ArrayList<>();
        for (String query : List.of("limit=-1", "limit=abc", "limit=100000", "limit=0", "state=maybe", "eventType=" + "x".repeat(3000))) {
            requests.add(new BadRequest("query", "GET", "/v1/subscriptions?" + query, Map.of(), new byte[0], tenantKey));
        }
        for (String injection : INJECTIONS.subList(0, 12)) {
            String encoded = java.net.URLEncoder.encode(injection, StandardCharsets.UTF_8);
            requests.add(new BadRequest("id-injection", "GET", "/v1/subscriptions/" + encoded, Map.of(), new byte[0], tenantKey));
            requests.add(new BadRequest("id-injection", "DELETE", "/v1/subscriptions/" + encoded, Map.of(), new byte[0], tenantKey));
            requests.add(new BadRequest("id-injection", "GET", "/v1/events/" + encoded + "/attempts", Map.of(), new byte[0], tenantKey));
        }
        for (Map<String, String> auth : badCredentials()) {
            requests.add(new BadRequest("auth", "GET", "/v1/subscriptions", auth, new byte[0], null));
            requests.add(new BadRequest("auth", "GET", "/v1/admin/tenants/alpha/keys", auth, new byte[0], null));
        }
        requests.add(new BadRequest("admin-with-tenant-key", "POST", "/v1/admin/tenants", Map.of("Content-Type", "application/json"),
                "{\"id\":\"mallory\",\"name\":\"m\"}".getBytes(StandardCharsets.UTF_8), tenantKey));
        requests.addAll(seedShapes());
        return requests;
    }

    /** The seed products' own addresses: an entry point that does not exist, a blank id, a bad rotation of the callback secret. */
    private List<BadRequest> seedShapes() {
        List<BadRequest> requests = new ArrayList<>();
        byte[] subscribe = "{\"event\":\"order.created\",\"hookUrl\":\"https://example.com/h\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        for (String entryPoint : List.of("", "c=", "c=EPT_Nope", "c=ept_webhooksubscribe", "c=EPT_WebhookSubscribe%00",
                "c=" + java.net.URLEncoder.encode(INJECTIONS.get(0), StandardCharsets.UTF_8))) {
            requests.add(new BadRequest("entry-point", "POST", "/v1/EntryPoints/PRJ/process/?" + entryPoint, json, subscribe, tenantKey));
        }
        requests.add(new BadRequest("entry-point", "GET", "/v1/EntryPoints/PRJ/process/?c=EPT_WebhookSubscribe", Map.of(), new byte[0], tenantKey));
        requests.add(new BadRequest("webhookconfig", "GET", "/webhookconfig?whid=", Map.of(), new byte[0], tenantKey));
        for (String body : List.of("{\"overlapSeconds\":-1}", "{\"overlapSeconds\":\"1h\"}", "{\"overlapSeconds\":604801}", "{\"secret\":\"whsec_x\"}",
                "{\"secret\":5}", "{\"colour\":\"red\"}", "[]")) {
            requests.add(new BadRequest("callback-secret", "POST", "/v1/tenant/callback-secret/rotate", json, body.getBytes(StandardCharsets.UTF_8),
                    tenantKey));
        }
        return requests;
    }

    /** Methods a known path does not serve: 405 with Allow, with and without a key. */
    private List<BadRequest> wrongMethods(List<String> methods, String path) {
        List<BadRequest> requests = new ArrayList<>();
        for (String method : methods) {
            requests.add(new BadRequest("wrong-method", method, path, Map.of("Content-Type", "application/json"),
                    "{}".getBytes(StandardCharsets.UTF_8), tenantKey));
            requests.add(new BadRequest("wrong-method", method, path, Map.of(), new byte[0], null));
        }
        return requests;
    }

    private List<Map<String, String>> badCredentials() {
        return List.of(Map.of(), Map.of("Authorization", "Bearer"), Map.of("Authorization", "Bearer " + otherKeyRevokedOrBogus),
                Map.of("Authorization", "Basic dXNlcjpwYXNz"), Map.of("Authorization", tenantKey),
                Map.of("Authorization", "Bearer " + tenantKey + "x"), Map.of("Authorization", "Bearer " + "k".repeat(4000)),
                Map.of("Ocp-Apim-Subscription-Key", "nope"), Map.of("Authorization", "Bearer ' OR 1=1 --"));
    }

    private static List<String> malformed() {
        return List.of("", " ", "{", "}", "[", "{\"type\":}", "{\"type\" \"a\"}", "{'type':'a'}", "{type:\"a\"}", "{\"a\":1,}", "[1,]",
                "nul", "tru", "NaN", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":\"\\x41\"}", "{\"a\":\"unterminated}", "\"just a string\"", "42",
                "null", "true", "{\"a\":1}{\"b\":2}", "{\"a\":1,\"a\":2}", "/* comment */ {}", "{\"a\":\"\\ud800\"}");
    }

    private static List<String> eventWrongTypes() {
        return List.of("{\"type\":1,\"data\":{}}", "{\"type\":[\"a\"],\"data\":{}}", "{\"type\":null,\"data\":{}}", "{\"type\":{},\"data\":{}}",
                "{\"type\":\"a.b\",\"data\":{},\"id\":{}}", "{\"type\":\"a.b\",\"data\":{},\"id\":[1]}", "{\"type\":\"a.b\",\"data\":{},\"time\":5}",
                "{\"type\":\"a.b\",\"data\":{},\"time\":\"yesterday\"}", "{\"type\":\"a.b\",\"data\":{},\"subject\":[]}",
                "{\"type\":\"a.b\",\"data\":{},\"source\":7}", "{\"type\":\"a.b\",\"data\":{},\"callbackUrl\":3}",
                "{\"type\":\"a.b\",\"data\":{},\"callbackUrl\":\"not a url\"}", "{\"data\":{}}", "{\"type\":\"\",\"data\":{}}",
                "{\"event\":5,\"payload\":{}}", "{\"specversion\":\"9.9\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"a\"}",
                "{\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"a\"}", "{\"specversion\":1,\"id\":\"1\",\"source\":\"/s\",\"type\":\"a\"}",
                "[]", "[1,2]", "[null]", "[\"a\"]",
                "{\"type\":\"a.b\",\"data\":{},\"id\":\"a\\u0000b\"}", "{\"type\":\"a.b\",\"data\":{},\"id\":\"line\\nforged\"}",
                "{\"type\":\"a.b\",\"data\":{},\"id\":\"\\ud800\"}", "{\"type\":\"a.b\",\"data\":{},\"id\":\"x\\udc00y\"}",
                "{\"type\":\"a.b\",\"data\":{},\"subject\":\"bell\\u0007\"}", "{\"type\":\"a.b\\u0000\",\"data\":{}}",
                "{\"type\":\"a.b\",\"data\":{},\"source\":\"/s\\u0000\"}", "{\"type\":\"a.b\",\"data\":{},\"subject\":\"sep\\u2028\"}",
                "{\"type\":\"a.b\",\"data\":{\"total\":1e400}}", "{\"type\":\"a.b\",\"data\":[-1e400]}",
                "{\"type\":\"a.b\",\"data\":{\"total\":1e-400}}", "{\"type\":\"a.b\",\"data\":[0.0,-4e-330]}",
                "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"a\"}",
                "{\"specversion\":\"1.0\",\"id\":\"a\\nb\",\"source\":\"/s\",\"type\":\"a\"}",
                "[{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"a\"},{\"specversion\":\"0.3\",\"id\":\"2\",\"source\":\"/s\",\"type\":\"a\"}]",
                "{\"type\":\"a.b\",\"data\":{},\"callbackUrl\":\"https://user:pw@example.com/cb\"}",
                "{\"type\":\"a.b\",\"data\":{},\"callbackUrl\":\"https://example.com/cb#part\"}",
                "{\"type\":\"a.b\",\"data\":{},\"callbackUrl\":\"https://example.com:0/cb\"}",
                "{\"type\":\"a.b\",\"data\":{},\"callbackUrl\":\"https://example.com:65536/cb\"}",
                "{\"type\":\"a.b\",\"data\":{},\"callbackUrl\":\"https://example.com/" + "p".repeat(3000) + "\"}");
    }

    private static List<String> eventInjections() {
        List<String> bodies = new ArrayList<>();
        for (String injection : INJECTIONS) {
            bodies.add("{\"type\":" + quote(injection) + ",\"data\":{}}");
            bodies.add("{\"type\":\"a.b\",\"data\":{},\"time\":" + quote(injection) + "}");
            bodies.add("{\"type\":\"a.b\",\"data\":{},\"callbackUrl\":" + quote(injection) + "}");
        }
        return bodies;
    }

    private static List<String> subscriptionWrongTypes() {
        return List.of("{\"url\":1,\"eventTypes\":[\"a\"]}", "{\"url\":\"https://example.com\",\"eventTypes\":\"a\"}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[1]}", "{\"url\":\"https://example.com\",\"eventTypes\":[]}",
                "{\"url\":\"https://example.com\"}", "{\"eventTypes\":[\"a\"]}", "{\"url\":null,\"eventTypes\":[\"a\"]}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"enabled\":\"no\"}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"headers\":[\"x\"]}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"headers\":{\"Host\":\"evil\"}}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"format\":\"xml\"}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"filter\":\"x\"}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"filter\":[{\"attribute\":\"tenant\",\"values\":[\"x\"]}]}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"rateLimitPerSecond\":-5}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"timeoutSeconds\":\"x\"}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"secret\":\"not-a-secret\"}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"metadata\":{\"k\":1}}",
                "{\"url\":\"ftp://example.com\",\"eventTypes\":[\"a\"]}", "{\"url\":\"https://\",\"eventTypes\":[\"a\"]}",
                "{\"url\":\"https://user:pass@example.com/\",\"eventTypes\":[\"a\"]}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"" + "x".repeat(500) + "\"]}", "[]", "[{}]",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"timeoutSeconds\":1.5}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"timeoutSeconds\":\"10\"}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"rateLimitPerSecond\":99999999999}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"rateLimitPerSecond\":1e400}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"enabled\":\"true\"}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"name\":\"a\\u0000b\"}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"name\":\"two\\nlines\"}",
                "{\"url\":\"https://example.com\",\"eventTypes\":[\"a\"],\"name\":\"\\ud800\"}",
                "{\"url\":\"https://example.com/h#frag\",\"eventTypes\":[\"a\"]}", "{\"url\":\"https://example.com:0/h\",\"eventTypes\":[\"a\"]}");
    }

    private static List<String> subscriptionInjections() {
        List<String> bodies = new ArrayList<>();
        for (String injection : INJECTIONS) {
            bodies.add("{\"url\":" + quote(injection) + ",\"eventTypes\":[\"a\"]}");
            bodies.add("{\"url\":\"https://example.com/h\",\"eventTypes\":[" + quote(injection) + "]}");
            if (!injection.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}")) {
                // A header name made only of token characters (RFC 9110) is a valid name, however odd.
                bodies.add("{\"url\":\"https://example.com/h\",\"eventTypes\":[\"a\"],\"headers\":{" + quote(injection) + ":\"v\"}}");
            }
        }
        return bodies;
    }

    private static byte[] huge() {
        StringBuilder body = new StringBuilder("{\"type\":\"a.b\",\"data\":{\"blob\":\"");
        body.append("x".repeat(3 * 1024 * 1024));
        return body.append("\"}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> invalidUtf8(String valid) {
        List<byte[]> bodies = new ArrayList<>();
        byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0x28},
                {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
        byte[] prefix = valid.substring(0, valid.indexOf(':') + 2).getBytes(StandardCharsets.UTF_8);
        byte[] suffix = valid.substring(valid.indexOf(':') + 2).getBytes(StandardCharsets.UTF_8);
        for (byte[] sequence : bad) {
            byte[] body = new byte[prefix.length + sequence.length + suffix.length];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            System.arraycopy(sequence, 0, body, prefix.length, sequence.length);
            System.arraycopy(suffix, 0, body, prefix.length + sequence.length, suffix.length);
            bodies.add(body);
        }
        return bodies;
    }

    private BadRequest json(String category, String method, String path, String body) {
        return raw(category, method, path, "application/json", body.getBytes(StandardCharsets.UTF_8), tenantKey);
    }

    private static BadRequest raw(String category, String method, String path, String contentType, byte[] body, String key) {
        return new BadRequest(category, method, path, Map.of("Content-Type", contentType), body, key);
    }

    private static String quote(String text) {
        return dev.hooklane.contracts.json.Json.mapper().getNodeFactory().textNode(text).toString();
    }
}
