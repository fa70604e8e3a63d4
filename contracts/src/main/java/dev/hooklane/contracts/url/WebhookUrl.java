package dev.hooklane.contracts.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * An http(s) URL a webhook may be sent to: absolute, with a host, no user information, no
 * fragment, a port from 1 to 65535 when one is given, and at most {@value #MAX_LENGTH}
 * characters. The one rule for every URL field of the platform (subscription URLs, callback URLs
 * of events, however they arrive) and the form the worker sends to. Whether plain {@code http} is
 * allowed, and which addresses may be reached, are policies of the services on top of it.
 */
public final class WebhookUrl {

    /** Longest URL accepted, in characters. */
    public static final int MAX_LENGTH = 2048;

    private final URI uri;
    private final boolean https;

    private WebhookUrl(URI uri, boolean https) {
        this.uri = uri;
        this.https = https;
    }

    /**
     * Reads {@code text} as a webhook URL.
     *
     * @throws InvalidWebhookUrlException with a reason fit for a field error ("must not contain a fragment")
     */
    public static WebhookUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidWebhookUrlException("is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidWebhookUrlException("at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidWebhookUrlException("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidWebhookUrlException("must be an absolute http(s) URL with a host");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidWebhookUrlException("must use http or https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidWebhookUrlException("must not contain user information");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidWebhookUrlException("must not contain a fragment");
        }
        // java.net.URI takes any digits as a port; a socket takes 1 to 65535 only.
        if (uri.getPort() == 0 || uri.getPort() > 65_535 || (uri.getPort() < 0 && hasEmptyPort(uri))) {
            throw new InvalidWebhookUrlException("must have a port from 1 to 65535, or none");
        }
        return new WebhookUrl(uri, scheme.equals("https"));
    }

    private static boolean hasEmptyPort(URI uri) {
        String authority = uri.getRawAuthority();
        return authority != null && authority.endsWith(":");
    }

    public URI uri() {
        return uri;
    }

    public boolean isHttps() {
        return https;
    }

    public String host() {
        return uri.getHost();
    }

    /** The port requests go to: the one given, else 443 for https and 80 for http. */
    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookUrl url && url.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri);
    }

    /** The URL as given. */
    @Override
    public String toString() {
        return uri.toString();
    }
}
