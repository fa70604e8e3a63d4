package dev.hooklane.contracts.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * A subscription's endpoint that has been failing, as kept on the compacted endpoint-failures
 * topic (key = subscription id). Written when the first failure after a success happens, removed
 * (tombstone) at the next success; a subscription failing for longer than the configured period
 * is disabled.
 *
 * @param subscriptionId the subscription
 * @param tenant owning account
 * @param failingSince when its first failed attempt since the last success started
 */
public record EndpointFailure(String subscriptionId, String tenant, Instant failingSince) {

    public EndpointFailure {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(failingSince, "failingSince");
    }
}
