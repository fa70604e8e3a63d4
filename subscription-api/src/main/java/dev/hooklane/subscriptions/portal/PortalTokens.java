package dev.hooklane.subscriptions.portal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.portal.PortalScope;
import dev.hooklane.contracts.portal.PortalSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Portal session tokens: JWTs signed with HMAC-SHA256 by a key every API instance is configured
 * with, carrying the session id, tenant, scope and expiry. Any instance verifies a token on its
 * own; only revocation needs the shared portal-sessions table.
 */
final class PortalTokens {

    static final String ISSUER = "hooklane";
    static final String AUDIENCE = "hooklane-portal";
    private static final String SCOPE_CLAIM = "scope";
    private static final JOSEObjectType TYPE = new JOSEObjectType("hooklane-portal+jwt");

    /** A verified token's grant. */
    record Grant(String sessionId, String tenant, PortalScope scope, Instant expiresAt) {
    }

    /** A token that does not grant anything; the message says why, without revealing a key. */
    static final class InvalidToken extends Exception {
        InvalidToken(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, byte[]> keysById = new LinkedHashMap<>();
    private final Optional<String> signingKeyId;

    /** @param keys the first signs, all verify; empty issues nothing and verifies nothing */
    PortalTokens(List<String> keys) {
        for (String key : keys) {
            keysById.putIfAbsent(keyId(key), key.getBytes(StandardCharsets.UTF_8));
        }
        this.signingKeyId = keys.stream().findFirst().map(PortalTokens::keyId);
    }

    boolean canIssue() {
        return signingKeyId.isPresent();
    }

    String issue(PortalSession session) {
        String kid = signingKeyId.orElseThrow(() -> new IllegalStateException("no portal signing key is configured"));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(session.tenant()).jwtID(session.id())
                .issueTime(Date.from(session.createdAt())).expirationTime(Date.from(session.expiresAt()))
                .claim(SCOPE_CLAIM, Json.mapper().convertValue(session.scope(), new TypeReference<Map<String, Object>>() { }))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).type(TYPE).build(), claims);
        try {
            jwt.sign(new MACSigner(keysById.get(kid)));
        } catch (JOSEException e) {
            throw new IllegalStateException("a portal token could not be signed", e);
        }
        return jwt.serialize();
    }

    /** @throws InvalidToken unless the token is well-formed, signed by a configured key, for the portal, and unexpired at {@code now} */
    Grant verify(String token, Instant now) throws InvalidToken {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidToken("the portal token is malformed");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !TYPE.equals(jwt.getHeader().getType())) {
            throw new InvalidToken("the portal token is not a Hooklane portal token");
        }
        byte[] key = jwt.getHeader().getKeyID() == null ? null : keysById.get(jwt.getHeader().getKeyID());
        if (key == null || !verifies(jwt, key)) {
            throw new InvalidToken("the portal token's signature does not verify");
        }
        Date expires = claims.getExpirationTime();
        if (!ISSUER.equals(claims.getIssuer()) || !List.of(AUDIENCE).equals(claims.getAudience()) || claims.getJWTID() == null
                || claims.getSubject() == null || expires == null) {
            throw new InvalidToken("the portal token lacks a claim of a Hooklane portal token");
        }
        if (!now.isBefore(expires.toInstant())) {
            throw new InvalidToken("the portal session has expired; ask for a new link");
        }
        try {
            PortalScope scope = Json.mapper().convertValue(claims.getJSONObjectClaim(SCOPE_CLAIM), PortalScope.class);
            return new Grant(claims.getJWTID(), claims.getSubject(), scope == null ? PortalScope.everything() : scope, expires.toInstant());
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidToken("the portal token's scope is unreadable");
        }
    }

    private static boolean verifies(SignedJWT jwt, byte[] key) {
        try {
            return jwt.verify(new MACVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    /** A key's public name: the first 8 hex digits of its SHA-256, enough to pick among a few keys and no help to a guesser. */
    static String keyId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
