package dev.hooklane.contracts.signing;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a received webhook request the way a Standard Webhooks receiver does: any {@code v1}
 * signature in the header made with one of the secrets, over the exact body, with a timestamp
 * within the tolerance of the local clock.
 */
public final class WebhookVerifier {

    /** The tolerance the reference libraries use. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final List<WebhookSecret> secrets;
    private final Duration tolerance;
    private final Clock clock;

    public WebhookVerifier(List<WebhookSecret> secrets, Duration tolerance, Clock clock) {
        this.secrets = List.copyOf(secrets);
        if (this.secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed to verify");
        }
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public WebhookVerifier(WebhookSecret secret) {
        this(List.of(secret), DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /**
     * @throws WebhookVerificationException when a header is missing, the timestamp is out of
     *     tolerance, or no signature matches
     */
    public void verify(String messageId, String timestamp, String signatureHeader, byte[] body) throws WebhookVerificationException {
        if (messageId == null || messageId.isBlank()) {
            throw new WebhookVerificationException("missing " + WebhookHeaders.ID);
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new WebhookVerificationException("missing " + WebhookHeaders.SIGNATURE);
        }
        long seconds = parseTimestamp(timestamp);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > tolerance.toSeconds()) {
            throw new WebhookVerificationException(WebhookHeaders.TIMESTAMP + " is outside the tolerance of " + tolerance);
        }
        for (WebhookSecret secret : secrets) {
            byte[] expected = WebhookSigner.hmac(secret, messageId, seconds, body);
            for (String signature : signatureHeader.trim().split(" +")) {
                if (matches(signature, expected)) {
                    return;
                }
            }
        }
        throw new WebhookVerificationException("no matching signature");
    }

    private static long parseTimestamp(String timestamp) throws WebhookVerificationException {
        if (timestamp == null || timestamp.isBlank()) {
            throw new WebhookVerificationException("missing " + WebhookHeaders.TIMESTAMP);
        }
        try {
            return Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException(WebhookHeaders.TIMESTAMP + " is not a number of seconds");
        }
    }

    private static boolean matches(String signature, byte[] expected) {
        int comma = signature.indexOf(',');
        if (comma < 0 || !"v1".equals(signature.substring(0, comma))) {
            return false;
        }
        try {
            return MessageDigest.isEqual(Base64.getDecoder().decode(signature.substring(comma + 1)), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
