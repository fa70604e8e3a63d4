package dev.hooklane.contracts.signing;

/** A webhook request whose headers or signature do not verify; the message says why. */
public class WebhookVerificationException extends Exception {

    public WebhookVerificationException(String message) {
        super(message);
    }
}
