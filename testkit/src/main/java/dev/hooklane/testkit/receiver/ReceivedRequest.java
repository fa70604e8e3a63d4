package dev.hooklane.testkit.receiver;

import dev.hooklane.contracts.signing.WebhookHeaders;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.signing.WebhookVerificationException;
import dev.hooklane.contracts.signing.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the receiver saw it.
 *
 * @param path the request path
 * @param query the raw query string, if any
 * @param headers header names in lower case, last value wins
 * @param body the exact bytes received
 * @param receivedAt when the request line arrived
 */
public record ReceivedRequest(String method, String path, Optional<String> query, Map<String, String> headers, byte[] body, Instant receivedAt) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    public String webhookId() {
        return header(WebhookHeaders.ID).orElse("");
    }

    /** Whether the Standard Webhooks signature verifies with {@code secret}, as a receiver would check. */
    public boolean signatureVerifies(WebhookSecret secret) {
        try {
            new WebhookVerifier(secret).verify(header(WebhookHeaders.ID).orElse(null), header(WebhookHeaders.TIMESTAMP).orElse(null),
                    header(WebhookHeaders.SIGNATURE).orElse(null), body);
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        }
    }
}
