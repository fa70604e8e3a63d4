package dev.hooklane.subscriptions.secret;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.subscriptions.request.KnownFields;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The optional body of a secret rotation, {@code {"secret", "overlapSeconds"}}, for a subscription's
 * secret and a tenant's callback secret alike.
 *
 * @param secret the new secret; empty: a generated one
 * @param overlap how long the previous secrets keep signing
 */
public record RotationRequest(Optional<String> secret, Duration overlap) {

    /** The longest overlap a rotation may ask for. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);
    private static final Set<String> FIELDS = Set.of("secret", "overlapSeconds");

    /** The request's rotation; an empty body rotates to a generated secret with {@code defaultOverlap}. */
    public static RotationRequest of(Context ctx, Duration defaultOverlap) {
        if (ctx.bodyAsBytes().length == 0) {
            return new RotationRequest(Optional.empty(), defaultOverlap);
        }
        JsonNode body = RequestBodies.jsonTree(ctx);
        if (!body.isObject()) {
            throw ProblemException.badRequest("a JSON object is expected");
        }
        KnownFields.require(body, FIELDS);
        Optional<String> secret = Optional.ofNullable(body.get("secret")).filter(n -> !n.isNull()).map(JsonNode::asText);
        Duration overlap = defaultOverlap;
        JsonNode seconds = body.get("overlapSeconds");
        if (seconds != null && !seconds.isNull()) {
            // An integral number only: canConvertToLong alone takes 1.5 and asLong would cut it to 1.
            if (!seconds.isIntegralNumber() || !seconds.canConvertToLong() || seconds.asLong() < 0 || seconds.asLong() > MAX_OVERLAP.toSeconds()) {
                throw ProblemException.validation(List.of(new FieldError("overlapSeconds", "must be an integer from 0 to " + MAX_OVERLAP.toSeconds())));
            }
            overlap = Duration.ofSeconds(seconds.asLong());
        }
        return new RotationRequest(secret, overlap);
    }

    /** The new secret in its {@code whsec_} form: the one given, checked, or a generated one. */
    public String newSecret() {
        return secret.map(RotationRequest::checked).orElseGet(() -> WebhookSecret.generate().encoded());
    }

    /** {@code secret} in its {@code whsec_} form; 422 at {@code secret} when it is none. */
    public static String checked(String secret) {
        try {
            WebhookSecret.parse(secret);
            return secret.startsWith(WebhookSecret.PREFIX) ? secret : WebhookSecret.PREFIX + secret;
        } catch (IllegalArgumentException e) {
            throw ProblemException.validation(List.of(new FieldError("secret", "must be 'whsec_' followed by the base64 of 24 to 64 bytes")));
        }
    }
}
