package dev.hooklane.contracts.url;

/** A URL that breaks the {@link WebhookUrl} rule; the message completes "the URL ...", e.g. "must not contain a fragment". */
public final class InvalidWebhookUrlException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidWebhookUrlException(String reason) {
        super(reason);
    }
}
