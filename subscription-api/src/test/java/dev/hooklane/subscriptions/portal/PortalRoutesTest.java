package dev.hooklane.subscriptions.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.service.auth.AuthFailureThrottle;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.http.JsonHttp.Answer;
import dev.hooklane.subscriptions.testing.TestApi;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code /v1/portal-sessions}, {@code /portal/api} and {@code /portal} on a real API instance over a real broker. */
@Tag("kafka")
class PortalRoutesTest {

    static final String SIGNING_KEY = "portal-signing-key-of-the-route-tests-01";
    private static SubscriptionApi api;
    private static JsonHttp client;
    private static String key;

    @BeforeAll
    static void start() {
        api = TestApi.start(TestApi.localConfig(TestApi.kafka("portal"))
                .withPortal(new PortalSettings(List.of(SIGNING_KEY), "'self' https://app.example.com", java.util.Optional.empty())));
        client = TestApi.client(api.port());
        key = TestApi.tenant(client, "acme");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String subscription(String customer, String eventType) {
        Answer created = client.post("/v1/subscriptions", key, "{\"url\":\"http://127.0.0.1:9/" + customer + "\",\"eventTypes\":[\"" + eventType
                + "\"],\"metadata\":{\"customer\":\"" + customer + "\"}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static JsonNode session(String body) {
        Answer created = client.post("/v1/portal-sessions", key, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static Answer portal(String method, String path, String token, String body) {
        return client.send(method, "/portal/api" + path, token, body, Map.of());
    }

    @Test
    void shouldAnswerALinkThatCarriesTheTokenWhenASessionIsMade() {
        JsonNode session = session("{\"name\":\"Customer 1\",\"expiresInSeconds\":7200,\"scope\":{\"metadata\":{\"customer\":\"c-1\"}}}");

        assertThat(session.get("id").asText()).startsWith("ps_");
        assertThat(session.get("url").asText()).isEqualTo(client.baseUrl() + "/portal#token=" + session.get("token").asText());
        assertThat(java.time.Duration.between(java.time.Instant.parse(session.get("createdAt").asText()),
                java.time.Instant.parse(session.get("expiresAt").asText()))).hasHours(2);
        Answer me = portal("GET", "/session", session.get("token").asText(), null);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("tenant").asText()).isEqualTo("acme");
        assertThat(me.header("Cache-Control")).contains("no-store");
        assertThat(client.get("/v1/portal-sessions", key).json().findValuesAsText("id")).contains(session.get("id").asText());
    }

    @Test
    void shouldRefuseASessionRequestWithEveryBadFieldNamed() {
        Answer refused = client.post("/v1/portal-sessions", key, "{\"expiresInSeconds\":60,\"name\":\"\",\"scope\":{\"eventTypes\":[\"bad type\"],"
                + "\"filter\":[{\"attribute\":\"body\",\"values\":[\"x\"]}]}}");
        Answer unknown = client.post("/v1/portal-sessions", key, "{\"scope\":{\"metdata\":{\"customer\":\"c-1\"}}}");
        Answer admin = client.post("/v1/portal-sessions", TestApi.ADMIN_KEY, "{}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("expiresInSeconds", "name", "scope.eventTypes[0]", "scope.filter[0]");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorFields()).containsExactly("scope.metdata");
        assertThat(admin.status()).isEqualTo(403);
    }

    @Test
    void shouldShowAndChangeOnlyTheSessionsOwnEndpointsWhenScoped() {
        String mine = subscription("c-2", "reportCreated");
        String theirs = subscription("c-3", "reportCreated");
        String token = session("{\"scope\":{\"metadata\":{\"customer\":\"c-2\"},\"eventTypes\":[\"reportCreated\",\"reportUpdated\"],"
                + "\"filter\":[{\"attribute\":\"data.customerId\",\"values\":[\"c-2\"]}]}}").get("token").asText();

        Answer created = portal("POST", "/endpoints", token, "{\"url\":\"http://127.0.0.1:9/new\",\"eventTypes\":[\"reportUpdated\"],\"name\":\"New\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("secret").asText()).startsWith("whsec_");
        JsonNode stored = client.get("/v1/subscriptions/" + created.json().get("id").asText(), key).json();
        assertThat(stored.at("/metadata/customer").asText()).isEqualTo("c-2");
        assertThat(stored.at("/filter/0/attribute").asText()).isEqualTo("data.customerId");
        // mine was made without the scope's filter, so it is not the portal's; the new one is
        List<String> listed = portal("GET", "/endpoints", token, null).json().findValuesAsText("id");
        assertThat(listed).containsExactly(created.json().get("id").asText());
        assertThat(listed).doesNotContain(mine, theirs);

        for (String method : List.of("GET", "PATCH", "DELETE")) {
            Answer foreign = portal(method, "/endpoints/" + theirs, token, method.equals("PATCH") ? "{\"name\":\"pwned\"}" : null);
            assertThat(foreign.status()).as(method + " " + foreign).isEqualTo(404);
        }
        assertThat(portal("GET", "/endpoints/" + theirs + "/attempts", token, null).status()).isEqualTo(404);
        assertThat(portal("POST", "/endpoints/" + theirs + "/secret/rotate", token, null).status()).isEqualTo(404);
        assertThat(client.get("/v1/subscriptions/" + theirs, key).json().has("name")).as("the other customer's endpoint is unchanged").isFalse();
    }

    @Test
    void shouldRefuseEventTypesAndFieldsOutsideTheScope() {
        String token = session("{\"scope\":{\"metadata\":{\"customer\":\"c-4\"},\"eventTypes\":[\"reportCreated\"]}}").get("token").asText();

        Answer outside = portal("POST", "/endpoints", token, "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"*\"]}");
        Answer tenantField = portal("POST", "/endpoints", token, "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"reportCreated\"],"
                + "\"metadata\":{\"customer\":\"c-5\"}}");
        Answer invalid = portal("POST", "/endpoints", token, "{\"url\":\"ftp://x\",\"eventTypes\":[\"reportCreated\"]}");
        String id = portal("POST", "/endpoints", token, "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"reportCreated\"]}").json().get("id").asText();
        Answer widened = portal("PATCH", "/endpoints/" + id, token, "{\"eventTypes\":[\"reportCreated\",\"NewCustomer\"]}");

        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.errorFields()).containsExactly("eventTypes[0]");
        assertThat(tenantField.status()).isEqualTo(422);
        assertThat(tenantField.errorFields()).containsExactly("metadata");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorFields()).contains("url");
        assertThat(widened.status()).isEqualTo(422);
        assertThat(portal("GET", "/event-types", token, null).json().findValuesAsText("name")).containsExactly("reportCreated");
    }

    @Test
    void shouldEditDisableRotateAndDeleteAnEndpointWithinTheScope() {
        String token = session("{\"scope\":{\"metadata\":{\"customer\":\"c-6\"}}}").get("token").asText();
        String id = portal("POST", "/endpoints", token, "{\"url\":\"http://127.0.0.1:9/a\",\"eventTypes\":[\"reportCreated\"]}").json().get("id").asText();

        Answer edited = portal("PATCH", "/endpoints/" + id, token, "{\"url\":\"http://127.0.0.1:9/b\",\"name\":\"B\",\"enabled\":false,"
                + "\"disabledReason\":\"maintenance\"}");
        Answer rotated = portal("POST", "/endpoints/" + id + "/secret/rotate", token, null);
        Answer test = portal("POST", "/endpoints/" + id + "/test", token, "{\"eventType\":\"reportCreated\"}");
        Answer deleted = portal("DELETE", "/endpoints/" + id, token, null);

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("url").asText()).isEqualTo("http://127.0.0.1:9/b");
        assertThat(edited.json().get("enabled").asBoolean()).isFalse();
        assertThat(edited.json().has("metadata")).as("the tenant's own fields stay hidden").isFalse();
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("secret").asText()).startsWith("whsec_");
        assertThat(rotated.json().get("previousSecretsExpireAt")).hasSize(1);
        assertThat(test.status()).as("a disabled endpoint takes no test event").isEqualTo(409);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(client.get("/v1/subscriptions/" + id, key).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseTenantKeysOnThePortalAndPortalTokensEverywhereElse() {
        String token = session("{}").get("token").asText();

        assertThat(portal("GET", "/endpoints", key, null).status()).isEqualTo(401);
        assertThat(portal("GET", "/endpoints", null, null).status()).isEqualTo(401);
        assertThat(client.get("/v1/subscriptions", token).status()).isEqualTo(401);
        assertThat(client.get("/v1/admin/tenants", token).status()).isEqualTo(401);
        assertThat(client.post("/v1/portal-sessions", token, "{}").status()).as("a session cannot make sessions").isEqualTo(401);
    }

    @Test
    void shouldRefuseARevokedSessionAndKeepItListedAsRevoked() {
        JsonNode session = session("{}");
        String token = session.get("token").asText();
        assertThat(portal("GET", "/endpoints", token, null).status()).isEqualTo(200);

        assertThat(client.delete("/v1/portal-sessions/" + session.get("id").asText(), key).status()).isEqualTo(204);

        Answer refused = portal("GET", "/endpoints", token, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).contains("revoked");
        assertThat(client.delete("/v1/portal-sessions/" + session.get("id").asText(), key).status()).as("revoking again").isEqualTo(204);
        assertThat(client.delete("/v1/portal-sessions/ps_unknown", key).status()).isEqualTo(404);
        assertThat(client.get("/v1/portal-sessions", key).json().get("data")).anySatisfy(listed -> {
            assertThat(listed.get("id").asText()).isEqualTo(session.get("id").asText());
            assertThat(listed.has("revokedAt")).isTrue();
            assertThat(listed.has("token")).isFalse();
        });
    }

    @Test
    void shouldServeThePageWithItsPolicyAndOnlyKnownAssets() {
        Answer page = client.get("/portal", null);
        Answer script = client.get("/portal/assets/portal.js", null);
        Answer unknown = client.get("/portal/assets/..%2Fopenapi.json", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).get().asString()
                .contains("frame-ancestors 'self' https://app.example.com").contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(page.header("X-Frame-Options")).as("framing is allowed to the configured sites").isEmpty();
        assertThat(page.body()).contains("/portal/assets/portal.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).get().asString().startsWith("text/javascript");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void shouldAnswer501WhenNoSigningKeyIsConfigured() {
        PortalSessions off = new PortalSessions(null, null, PortalSettings.off(), AuthFailureThrottle.defaults(), Clock.systemUTC());

        assertThatThrownBy(() -> off.create("acme", "key_1", new PortalSessionRequest(null, null, null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(501));
    }
}
