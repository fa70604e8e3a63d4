package dev.hooklane.delivery.destination;

import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.delivery.endpoint.EndpointLimits;
import dev.hooklane.delivery.http.WebhookRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hc.core5.http.Header;

/**
 * Where and how one attempt is sent, resolved at attempt time.
 *
 * @param request the subscriber URL or the event's callback URL, parsed
 * @param secrets the secrets that sign now, newest first (two during a rotation overlap)
 * @param headers the subscription's custom headers, ready for the request (not to be changed)
 * @param timeout the response timeout
 * @param endpoint the isolation key: {@code sub:<id>}, or {@code callback:<tenant>:<host>:<port>}
 * @param limits the endpoint's concurrency and rate limits
 * @param subscription the subscription, empty for callback jobs
 */
public record Destination(WebhookRequest request, List<WebhookSecret> secrets, Header[] headers, Duration timeout, String endpoint,
                          EndpointLimits limits, Optional<Subscription> subscription) {
}
