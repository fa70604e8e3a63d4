package dev.hooklane.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.reliability.harness.Pipeline;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.local.Services;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Portal session tokens on two API instances: a token reaches exactly its scope (its customer's
 * subscriptions within its tenant, nothing of another customer or tenant, no API route); an
 * expired, forged or altered token reaches nothing; a revocation made on one instance is honoured
 * by both.
 */
@Tag("kafka")
class PortalTokenIsolationTest {

    private static Pipeline pipeline;
    private static PipelineService secondApi;
    private static final JsonHttp http = new JsonHttp();
    private static String alphaKey;
    private static String betaKey;

    @BeforeAll
    static void start() {
        pipeline = Pipeline.start(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix("portaltokens"),
                Pipeline.Placement.allInThisJvm(), Map.of());
        secondApi = pipeline.startAnother("api-2", Services.API);
        alphaKey = tenant("alpha");
        betaKey = tenant("beta");
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static String tenant(String id) {
        JsonHttp.Answer created = http.post(pipeline.api().url("/v1/admin/tenants"), Pipeline.ADMIN_KEY, "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/apiKey/key").asText();
    }

    private static JsonNode session(String key, String customer) {
        JsonHttp.Answer created = http.post(pipeline.api().url("/v1/portal-sessions"), key, """
                {"scope":{"metadata":{"customer":"%s"},"eventTypes":["order.*"],"filter":[{"attribute":"data.customer","values":["%s"]}]}}"""
                .formatted(customer, customer));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static String endpoint(String token, String name) {
        JsonHttp.Answer created = http.post(pipeline.api().url("/portal/api/endpoints"), token,
                "{\"url\":\"http://127.0.0.1:9/" + name + "\",\"eventTypes\":[\"order.created\"],\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** A token in the portal's own format, signed with {@code key}, for the claims given. */
    private static String token(String key, String sessionId, String tenant, Map<String, Object> scope, Instant expiresAt) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("hooklane").audience("hooklane-portal").subject(tenant).jwtID(sessionId)
                .issueTime(Date.from(expiresAt.minus(Duration.ofHours(1)))).expirationTime(Date.from(expiresAt)).claim("scope", scope).build();
        String kid = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)), 0, 4);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).type(new JOSEObjectType("hooklane-portal+jwt")).build(), claims);
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void shouldReachExactlyTheTokensScopeAndNothingElse() {
        String mine = session(alphaKey, "a-1").get("token").asText();
        String neighbour = session(alphaKey, "a-2").get("token").asText();
        String ownId = endpoint(mine, "own");
        String neighboursId = endpoint(neighbour, "neighbour");
        String otherTenantsId = endpoint(session(betaKey, "a-1").get("token").asText(), "other-tenant");
        String missingId = "sub_" + UUID.randomUUID();
        List<String> leaks = new ArrayList<>();

        for (String foreign : List.of(neighboursId, otherTenantsId)) {
            for (String[] call : List.of(new String[] {"GET", ""}, new String[] {"PATCH", ""}, new String[] {"DELETE", ""},
                    new String[] {"GET", "/attempts"}, new String[] {"GET", "/dead-letters"}, new String[] {"POST", "/secret/rotate"},
                    new String[] {"POST", "/test"}, new String[] {"POST", "/dead-letters/msg_x/replay"})) {
                String body = call[0].equals("PATCH") ? "{\"name\":\"pwned\"}" : call[1].equals("/test") ? "{\"eventType\":\"order.created\"}" : null;
                JsonHttp.Answer refused = http.send(call[0], pipeline.api().url("/portal/api/endpoints/" + foreign + call[1]), mine, body);
                JsonHttp.Answer missing = http.send(call[0], pipeline.api().url("/portal/api/endpoints/" + missingId + call[1]), mine, body);
                if (refused.status() != 404 || missing.status() != 404 || !refused.json().get("type").equals(missing.json().get("type"))) {
                    leaks.add(call[0] + " " + call[1] + " on " + foreign + ": " + refused + " | missing: " + missing);
                }
            }
        }
        List<String> listed = http.get(pipeline.api().url("/portal/api/endpoints"), mine).json().findValuesAsText("id");

        assertThat(leaks).isEmpty();
        assertThat(listed).containsExactly(ownId);
        assertThat(http.get(pipeline.api().url("/v1/subscriptions/" + neighboursId), alphaKey).json().get("name").asText()).isEqualTo("neighbour");
        assertThat(http.post(pipeline.api().url("/portal/api/endpoints"), mine,
                "{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"invoice.paid\"]}").status()).as("a type outside the scope").isEqualTo(422);
        for (String route : List.of("/v1/subscriptions", "/v1/subscriptions/" + ownId, "/v1/admin/tenants", "/v1/portal-sessions",
                "/v1/tenant/callback-secret")) {
            assertThat(http.get(pipeline.api().url(route), mine).status()).as("GET " + route + " with a portal token").isEqualTo(401);
        }
        assertThat(http.get(pipeline.api().url("/portal/api/endpoints"), alphaKey).status()).as("an API key on the portal").isEqualTo(401);
    }

    @Test
    void shouldRefuseExpiredForgedAndAlteredTokensOnEveryInstance() throws Exception {
        JsonNode session = session(alphaKey, "a-3");
        String sessionId = session.get("id").asText();
        Map<String, Object> scope = Map.of("metadata", Map.of("customer", "a-3"), "eventTypes", List.of("order.*"), "filter", List.of());
        String expired = token(Pipeline.PORTAL_SIGNING_KEY, sessionId, "alpha", scope, Instant.now().minusSeconds(1));
        String forged = token("a-key-nobody-configured-on-the-platform", sessionId, "alpha", scope, Instant.now().plusSeconds(3600));
        String[] parts = session.get("token").asText().split("\\.");
        String widened = token("x".repeat(40), sessionId, "alpha", Map.of(), Instant.now().plusSeconds(3600)).split("\\.")[1];
        String altered = parts[0] + "." + widened + "." + parts[2];
        String valid = token(Pipeline.PORTAL_SIGNING_KEY, sessionId, "alpha", scope, Instant.now().plusSeconds(3600));

        for (PipelineService api : List.of(pipeline.api(), secondApi)) {
            JsonHttp.Answer late = http.get(api.url("/portal/api/endpoints"), expired);
            assertThat(late.status()).as(api.name()).isEqualTo(401);
            assertThat(late.json().get("detail").asText()).contains("expired");
            assertThat(http.get(api.url("/portal/api/endpoints"), forged).status()).as(api.name() + ": another key").isEqualTo(401);
            assertThat(http.get(api.url("/portal/api/endpoints"), altered).status()).as(api.name() + ": a widened scope").isEqualTo(401);
            assertThat(http.get(api.url("/portal/api/endpoints"), valid).status()).as(api.name() + ": the same claims, unexpired").isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseARevokedTokenOnEveryInstance() {
        JsonNode session = session(alphaKey, "a-4");
        String token = session.get("token").asText();
        List<PipelineService> instances = List.of(pipeline.api(), secondApi);
        await().atMost(Duration.ofSeconds(10)).until(() -> instances.stream()
                .allMatch(api -> http.get(api.url("/portal/api/endpoints"), token).status() == 200));

        JsonHttp.Answer revoked = http.delete(secondApi.url("/v1/portal-sessions/" + session.get("id").asText()), alphaKey);
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(http.delete(secondApi.url("/v1/portal-sessions/" + session.get("id").asText()), betaKey).status())
                .as("another tenant cannot revoke it, nor learn that it exists").isEqualTo(404);

        await().atMost(Duration.ofSeconds(10)).until(() -> instances.stream()
                .allMatch(api -> http.get(api.url("/portal/api/endpoints"), token).status() == 401));
        assertThat(http.get(pipeline.api().url("/portal/api/session"), token).json().get("detail").asText()).contains("revoked");
    }
}
