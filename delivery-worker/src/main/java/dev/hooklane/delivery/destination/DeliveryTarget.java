package dev.hooklane.delivery.destination;

import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.delivery.endpoint.EndpointGuard;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how one attempt is sent, resolved at attempt time.
 *
 * @param url the subscriber URL or the event's callback URL
 * @param secrets the secrets that sign now (two during a rotation overlap)
 * @param headers the subscription's custom headers
 * @param timeout the response timeout
 * @param endpoint the isolation key: {@code sub:<id>}, or {@code callback:<tenant>:<host>:<port>}
 * @param limits the endpoint's concurrency and rate limits
 * @param subscription the subscription, empty for callback jobs
 */
public record DeliveryTarget(URI url, List<WebhookSecret> secrets, Map<String, String> headers, Duration timeout, String endpoint,
                             EndpointGuard.Limits limits, Optional<Subscription> subscription) {
}
