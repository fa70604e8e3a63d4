package dev.hooklane.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.delivery.JobIds;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.reliability.harness.Pipeline;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every route of the subscription API, as its own {@code /openapi.json} lists them, tried with one
 * tenant's key and another tenant's ids (on the portal's routes, with a portal token of the first
 * tenant): the answer must be the one for an id that does not exist, and the other tenant's data
 * must be unchanged. A route the matrix does not know fails the test, so new routes cannot slip
 * past it.
 */
@Tag("kafka")
class TenantIsolationTest {

    /** Routes that take no id of another tenant: health and documents, creation, the caller's own listings. */
    private static final Set<String> WITHOUT_FOREIGN_IDS = Set.of("GET /health", "GET /ready", "GET /metrics", "GET /openapi.json",
            "POST /v1/subscriptions", "POST /v1/event-types", "POST /v1/admin/tenants", "GET /v1/admin/tenants",
            "POST /v1/rest-hooks/subscribe", "GET /v1/tenant/callback-secret", "POST /v1/tenant/callback-secret/rotate", "POST /webhookconfig",
            "POST /v1/portal-sessions", "GET /v1/portal-sessions", "GET /portal", "GET /portal/api/session", "GET /portal/api/event-types", "POST /portal/api/endpoints");
    /** Portal routes whose ids travel in the query, or that list what the token's scope covers; checked below. */
    private static final Set<String> PORTAL_LISTINGS = Set.of("GET /portal/api/endpoints", "GET /portal/api/stats");
    /** Routes whose ids travel in the query or the body; checked one by one below. */
    private static final Set<String> IDS_OUTSIDE_THE_PATH = Set.of("GET /v1/subscriptions", "GET /v1/event-types",
            "POST /v1/rest-hooks/unsubscribe", "POST /v1/rest-hooks/perform-list", "GET /v1/rest-hooks/perform-list",
            "GET /webhookconfig", "PATCH /webhookconfig", "DELETE /webhookconfig", "POST /v1/filters/test",
            "POST /v1/EntryPoints/{projectCode}/process", "GET /v1/EntryPoints/{projectCode}/process");

    private static Pipeline pipeline;
    private static ScriptableReceiver receiver;
    private static final JsonHttp http = new JsonHttp();
    private static String alphaKey;
    private static String alphaPortalToken;
    private static String betaKey;
    private static final Map<String, String> betaIds = new LinkedHashMap<>();
    private static String betaHook;
    private static String betaConfig;

    @BeforeAll
    static void start() {
        receiver = ScriptableReceiver.start();
        pipeline = Pipeline.start(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("isolation"),
                Pipeline.Placement.allInThisJvm(), Map.of());
        String api = pipeline.api().url("");
        alphaKey = tenant("alpha").at("/apiKey/key").asText();
        alphaPortalToken = http.post(api + "/v1/portal-sessions", alphaKey, "{}").json().get("token").asText();
        JsonNode beta = tenant("beta");
        betaKey = beta.at("/apiKey/key").asText();
        betaIds.put("tenant", "beta");
        betaIds.put("keyId", beta.at("/apiKey/id").asText());
        betaIds.put("name", "beta.secret");
        assertThat(http.post(api + "/v1/event-types", betaKey, "{\"name\":\"beta.secret\",\"description\":\"beta only\"}").status()).isEqualTo(201);
        JsonHttp.Answer subscription = http.post(api + "/v1/subscriptions", betaKey,
                "{\"url\":\"" + receiver.url("/beta") + "\",\"eventTypes\":[\"beta.secret\"]}");
        assertThat(subscription.status()).as(subscription.toString()).isEqualTo(201);
        betaIds.put("id", subscription.json().get("id").asText());
        String eventId = "beta-event-" + UUID.randomUUID();
        betaIds.put("eventId", eventId);
        betaIds.put("jobId", JobIds.of(eventId, betaIds.get("id")));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            http.post(pipeline.ingest().url("/v1/events"), betaKey, "{\"id\":\"" + eventId + "\",\"type\":\"beta.secret\",\"data\":{\"x\":1}}");
            return http.get(api + "/v1/events/" + eventId + "/attempts", betaKey).status() == 200;
        });
        JsonHttp.Answer hook = http.post(api + "/v1/rest-hooks/subscribe", betaKey,
                "{\"event\":\"beta.secret\",\"hookUrl\":\"" + receiver.url("/beta-hook") + "\"}");
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        betaHook = hook.json().at("/result/codeWebhookSubscription").asText();
        JsonHttp.Answer config = http.post(api + "/webhookconfig", betaKey, "{\"whname\":\"w\",\"whcomment\":\"c\",\"applicationId\":\"app\","
                + "\"municipalityId\":\"m-1\",\"callbackUrl\":\"" + receiver.url("/beta-config") + "\",\"processes\":[\"p-1\"]}");
        assertThat(config.status()).as(config.toString()).isEqualTo(201);
        betaConfig = config.json().get("whid").asText();
        JsonHttp.Answer session = http.post(api + "/v1/portal-sessions", betaKey, "{\"name\":\"beta customer\"}");
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        betaIds.put("sessionId", session.json().get("id").asText());
    }

    private static JsonNode tenant(String id) {
        JsonHttp.Answer created = http.post(pipeline.api().url("/v1/admin/tenants"), Pipeline.ADMIN_KEY,
                "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void shouldAnswerEveryRouteWithAnotherTenantsIdsAsIfTheyDidNotExist() {
        JsonNode paths = http.get(pipeline.api().url("/openapi.json"), null).json().get("paths");
        String before = betaState();
        List<String> leaks = new ArrayList<>();
        List<String> unknownRoutes = new ArrayList<>();
        int tried = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(java.util.Locale.ROOT);
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                String route = method + " " + path.getKey();
                if (path.getKey().contains("{") && !IDS_OUTSIDE_THE_PATH.contains(route)) {
                    tried++;
                    compare(route, fill(path.getKey(), betaIds), fill(path.getKey(), randomIds()), body(method, path.getKey()), leaks);
                } else if (!WITHOUT_FOREIGN_IDS.contains(route) && !IDS_OUTSIDE_THE_PATH.contains(route) && !PORTAL_LISTINGS.contains(route)) {
                    unknownRoutes.add(route);
                }
            }
        }
        String missing = "nope-" + UUID.randomUUID();
        // GET /webhookconfig answers a list, as seed 003 documents it: another tenant's whid selects nothing.
        JsonHttp.Answer foreignConfig = http.get(pipeline.api().url("/webhookconfig?whid=" + betaConfig), alphaKey);
        if (foreignConfig.status() != 200 || !foreignConfig.body().equals("[]")) {
            leaks.add("GET /webhookconfig: another tenant's whid -> " + foreignConfig);
        }
        compare("PATCH /webhookconfig", "/webhookconfig?whid=" + betaConfig, "/webhookconfig?whid=" + missing, "{\"whname\":\"pwned\"}", leaks);
        compare("DELETE /webhookconfig", "/webhookconfig?whid=" + betaConfig, "/webhookconfig?whid=" + missing, null, leaks);
        compare("POST /v1/rest-hooks/unsubscribe", "/v1/rest-hooks/unsubscribe", "/v1/rest-hooks/unsubscribe",
                "{\"codeWebhookSubscription\":\"" + betaHook + "\"}", "{\"codeWebhookSubscription\":\"" + missing + "\"}", leaks);
        String entryPoints = "/v1/EntryPoints/PRJ/process/?c=";
        compare("POST /v1/EntryPoints/{projectCode}/process", entryPoints + "EPT_WebhookUnsubscribe", entryPoints + "EPT_WebhookUnsubscribe",
                "{\"codeWebhookSubscription\":\"" + betaHook + "\"}", "{\"codeWebhookSubscription\":\"" + missing + "\"}", leaks);
        compare("GET /v1/EntryPoints/{projectCode}/process", entryPoints + "EPT_WebhookPerformList&event=beta.secret",
                entryPoints + "EPT_WebhookPerformList&event=nobody.type", null, leaks);
        compare("POST /v1/rest-hooks/perform-list", "/v1/rest-hooks/perform-list", "/v1/rest-hooks/perform-list",
                "{\"event\":\"beta.secret\"}", "{\"event\":\"nobody.type\"}", leaks);
        compare("GET /v1/rest-hooks/perform-list", "/v1/rest-hooks/perform-list?event=beta.secret", "/v1/rest-hooks/perform-list?event=nobody.type",
                null, leaks);
        compare("POST /v1/filters/test", "/v1/filters/test", "/v1/filters/test", "{\"filter\":{\"expression\":\"true\"},\"eventType\":\"beta.secret\"}",
                "{\"filter\":{\"expression\":\"true\"},\"eventType\":\"nobody.type\"}", leaks);
        compare("GET /portal/api/stats", "/portal/api/stats?endpoint=" + betaIds.get("id"), "/portal/api/stats?endpoint=" + missing, null, leaks);
        String alphaLists = http.get(pipeline.api().url("/portal/api/endpoints"), alphaPortalToken).body()
                + http.get(pipeline.api().url("/v1/portal-sessions"), alphaKey).body()
                + http.get(pipeline.api().url("/v1/subscriptions?limit=100"), alphaKey).body()
                + http.get(pipeline.api().url("/v1/event-types"), alphaKey).body() + http.get(pipeline.api().url("/webhookconfig"), alphaKey).body();

        assertThat(unknownRoutes).as("routes the isolation matrix does not cover yet").isEmpty();
        assertThat(tried).as("routes with ids in the path").isGreaterThanOrEqualTo(15);
        assertThat(leaks).as("answers that differ from the answer for a missing id").isEmpty();
        assertThat(alphaLists).doesNotContain(betaIds.get("id"), betaHook, betaConfig, "beta.secret", betaIds.get("sessionId"));
        assertThat(betaState()).as("beta's data after alpha's tries").isEqualTo(before);
    }

    /** Beta's own view of its data, to see that nothing alpha did changed it. */
    private static String betaState() {
        String api = pipeline.api().url("");
        List<String> state = new ArrayList<>();
        for (String path : List.of("/v1/subscriptions/" + betaIds.get("id"), "/v1/subscriptions/" + betaIds.get("id") + "/secret",
                "/v1/event-types/beta.secret", "/v1/subscriptions/" + betaHook, "/webhookconfig?whid=" + betaConfig, "/v1/admin/tenants/beta/keys",
                "/v1/portal-sessions")) {
            JsonHttp.Answer answer = http.get(api + path, path.startsWith("/v1/admin") ? Pipeline.ADMIN_KEY : betaKey);
            assertThat(answer.status()).as("beta reads %s: %s", path, answer).isEqualTo(200);
            state.add(answer.body());
        }
        return String.join("\n", state);
    }

    private void compare(String route, String foreignPath, String missingPath, String body, List<String> leaks) {
        compare(route, foreignPath, missingPath, body, body, leaks);
    }

    private void compare(String route, String foreignPath, String missingPath, String foreignBody, String missingBody, List<String> leaks) {
        String method = route.substring(0, route.indexOf(' '));
        String credential = foreignPath.startsWith("/portal/api/") ? alphaPortalToken : alphaKey;
        JsonHttp.Answer foreign = http.send(method, pipeline.api().url(foreignPath), credential, foreignBody);
        JsonHttp.Answer missing = http.send(method, pipeline.api().url(missingPath), credential, missingBody);
        boolean sameStatus = foreign.status() == missing.status();
        boolean refused = foreign.status() >= 400 && foreign.status() < 500;
        boolean sameType = !refused || foreign.json().path("type").asText().equals(missing.json().path("type").asText());
        if (!sameStatus || !refused || !sameType) {
            leaks.add(route + ": another tenant's id -> " + foreign + " | missing id -> " + missing);
        }
    }

    private static String fill(String template, Map<String, String> ids) {
        String path = template;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", id.getValue());
        }
        if (path.contains("{")) {
            throw new AssertionError("the isolation matrix has no id for a parameter of " + template);
        }
        return path;
    }

    private static Map<String, String> randomIds() {
        String random = UUID.randomUUID().toString();
        return Map.of("tenant", "t" + random.substring(0, 8), "keyId", "key-" + random, "name", "missing." + random.substring(0, 8),
                "id", "sub-" + random, "eventId", "evt-" + random, "jobId", "msg_" + random.replace("-", "").substring(0, 22),
                "sessionId", "ps_" + random.replace("-", "").substring(0, 22));
    }

    /** A body that would pass validation, so that only the id decides the answer. */
    private static String body(String method, String path) {
        if (method.equals("GET") || method.equals("DELETE")) {
            return null;
        }
        Instant now = Instant.now();
        if (path.endsWith("/secret/rotate")) {
            return "{\"overlapSeconds\":0}";
        }
        if (path.endsWith("/test")) {
            return "{\"eventType\":\"beta.secret\"}";
        }
        if (path.endsWith("/{id}/replay") || path.endsWith("/recover")) {
            return "{\"from\":\"" + now.minusSeconds(3600) + "\",\"to\":\"" + now + "\"}";
        }
        if (path.endsWith("/keys")) {
            return "{\"name\":\"stolen\"}";
        }
        if (path.startsWith("/v1/event-types")) {
            return "{\"description\":\"pwned\"}";
        }
        if (method.equals("PATCH")) {
            return "{\"name\":\"pwned\"}";
        }
        return null;
    }
}
