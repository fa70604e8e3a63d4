package dev.hooklane.delivery.http;

import java.net.URI;
import org.apache.hc.core5.http.HttpHost;

/**
 * Where a webhook request goes, parsed once per subscription version (not per request): the host
 * and port to connect to, and the path with its query as sent.
 */
public record WebhookRequest(HttpHost host, String pathAndQuery) {

    public static WebhookRequest to(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return new WebhookRequest(HttpHost.create(url), url.getRawQuery() == null ? path : path + "?" + url.getRawQuery());
    }
}
