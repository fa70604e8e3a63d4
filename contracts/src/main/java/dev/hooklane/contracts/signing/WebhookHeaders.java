package dev.hooklane.contracts.signing;

/** The header names of Standard Webhooks. */
public final class WebhookHeaders {

    /** The message id, the same on every retry. */
    public static final String ID = "webhook-id";
    /** Unix seconds when the attempt was signed. */
    public static final String TIMESTAMP = "webhook-timestamp";
    /** Space-separated {@code v1,<base64>} signatures. */
    public static final String SIGNATURE = "webhook-signature";

    private WebhookHeaders() {
    }
}
