package dev.hooklane.contracts.signing;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A Standard Webhooks symmetric secret: {@code whsec_} followed by the base64 of 24 to 64 random
 * bytes. {@link #toString()} never shows the key.
 */
public final class WebhookSecret {

    /** The prefix of the text form. */
    public static final String PREFIX = "whsec_";
    private static final int MIN_BYTES = 24;
    private static final int MAX_BYTES = 64;
    private static final int GENERATED_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** A new random secret of 32 bytes. */
    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /**
     * Reads the text form. The {@code whsec_} prefix is optional, as in the reference libraries.
     *
     * @throws IllegalArgumentException when it is not base64 of 24 to 64 bytes
     */
    public static WebhookSecret parse(String text) {
        Objects.requireNonNull(text, "secret");
        String encoded = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is 'whsec_' followed by base64", e);
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("a webhook secret holds " + MIN_BYTES + " to " + MAX_BYTES + " bytes, not " + key.length);
        }
        return new WebhookSecret(key);
    }

    /** The text form, {@code whsec_...}: show it only to its owner. */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    byte[] key() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret secret && java.security.MessageDigest.isEqual(key, secret.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
