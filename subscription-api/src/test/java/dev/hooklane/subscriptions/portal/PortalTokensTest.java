package dev.hooklane.subscriptions.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.hooklane.contracts.portal.PortalScope;
import dev.hooklane.contracts.portal.PortalSession;
import dev.hooklane.contracts.subscription.FilterCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortalTokensTest {

    private static final String KEY = "portal-signing-key-of-the-unit-tests-0001";
    private static final String OTHER_KEY = "another-signing-key-nobody-configured-0002";
    private static final Instant NOW = Instant.parse("2025-11-23T10:00:00Z");
    private static final PortalScope SCOPE = new PortalScope(Map.of("customer", "c-1"), List.of("report.*"),
            List.of(new FilterCondition("data.customerId", List.of("c-1"))));
    private static final PortalSession SESSION = new PortalSession("ps_abc", "acme", Optional.of("Customer 1"), SCOPE, NOW,
            NOW.plus(Duration.ofHours(1)), "key_1", Optional.empty());

    private final PortalTokens tokens = new PortalTokens(List.of(KEY));

    @Test
    void shouldGrantExactlyTheSessionsScopeWhenTheTokenIsValid() throws Exception {
        PortalTokens.Grant grant = tokens.verify(tokens.issue(SESSION), NOW.plusSeconds(60));

        assertThat(grant).isEqualTo(new PortalTokens.Grant("ps_abc", "acme", SCOPE, SESSION.expiresAt()));
    }

    @Test
    void shouldRefuseATokenWhenItHasExpired() {
        String token = tokens.issue(SESSION);

        assertThatThrownBy(() -> tokens.verify(token, SESSION.expiresAt())).isInstanceOf(PortalTokens.InvalidToken.class)
                .hasMessageContaining("expired");
    }

    @Test
    void shouldRefuseATokenWhenItsPayloadWasChanged() {
        String[] parts = tokens.issue(SESSION).split("\\.");
        String otherTenant = tokens.issue(new PortalSession("ps_abc", "globex", Optional.empty(), PortalScope.everything(), NOW,
                NOW.plus(Duration.ofHours(24)), "key_1", Optional.empty())).split("\\.")[1];

        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + otherTenant + "." + parts[2], NOW))
                .isInstanceOf(PortalTokens.InvalidToken.class).hasMessageContaining("signature");
    }

    @Test
    void shouldRefuseATokenWhenAnUnknownKeySignedIt() {
        String forged = new PortalTokens(List.of(OTHER_KEY)).issue(SESSION);

        assertThatThrownBy(() -> tokens.verify(forged, NOW)).isInstanceOf(PortalTokens.InvalidToken.class).hasMessageContaining("signature");
    }

    @Test
    void shouldRefuseAnUnsignedOrForeignTokenWhateverItClaims() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(PortalTokens.ISSUER).audience(PortalTokens.AUDIENCE).subject("acme")
                .jwtID("ps_x").expirationTime(Date.from(NOW.plusSeconds(3600))).build();
        String unsigned = new PlainJWT(new PlainHeader(), claims).serialize();
        SignedJWT plainJwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(PortalTokens.keyId(KEY)).build(), claims);
        plainJwt.sign(new MACSigner(KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> tokens.verify(unsigned, NOW)).isInstanceOf(PortalTokens.InvalidToken.class);
        assertThatThrownBy(() -> tokens.verify(plainJwt.serialize(), NOW)).as("a JWT of another kind, though signed with the key")
                .isInstanceOf(PortalTokens.InvalidToken.class).hasMessageContaining("not a Hooklane portal token");
        assertThatThrownBy(() -> tokens.verify("hk_not-a-token", NOW)).isInstanceOf(PortalTokens.InvalidToken.class).hasMessageContaining("malformed");
    }

    @Test
    void shouldVerifyWithAnOlderKeyWhileSigningWithTheFirst() throws Exception {
        String oldToken = new PortalTokens(List.of(OTHER_KEY)).issue(SESSION);
        PortalTokens rotated = new PortalTokens(List.of(KEY, OTHER_KEY));

        assertThat(rotated.verify(oldToken, NOW).sessionId()).isEqualTo("ps_abc");
        assertThat(tokens.verify(rotated.issue(SESSION), NOW).sessionId()).isEqualTo("ps_abc");
    }

    @Test
    void shouldIssueNothingWhenNoKeyIsConfigured() {
        PortalTokens none = new PortalTokens(List.of());

        assertThat(none.canIssue()).isFalse();
        assertThatThrownBy(() -> none.verify(tokens.issue(SESSION), NOW)).isInstanceOf(PortalTokens.InvalidToken.class);
    }
}
