package dev.hooklane.contracts.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.subscription.Subscription;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The platform's own events, published to the tenant's event stream so that customers can
 * subscribe to failures like to any other event type. They carry ids and reasons, never a payload
 * or a URL.
 */
public final class PlatformEvents {

    /** A job that used up its retries and went to the dead-letter topic (published by the delivery worker). */
    public static final String EXHAUSTED = "webhook.delivery.exhausted";
    /** A subscription the platform disabled: 410 Gone, or failing for too long (published by the subscription API). */
    public static final String DISABLED = "webhook.subscription.disabled";
    /** Every type above: a delivery of one of them that fails announces nothing, so a failing endpoint cannot feed itself. */
    public static final Set<String> ALL = Set.of(EXHAUSTED, DISABLED);

    private PlatformEvents() {
    }

    /** The event telling {@code disabled}'s tenant that it was disabled, and why. */
    public static EventEnvelope disabled(Subscription disabled, URI source) {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("subscriptionId", disabled.id());
        disabled.name().ifPresent(name -> data.put("name", name));
        String reason = disabled.disabledReason().orElse("");
        data.put("reason", reason);
        data.put("disabledAt", disabled.updatedAt().toString());
        return new EventEnvelope("disabled-" + disabled.id() + "-" + disabled.updatedAt().toEpochMilli(), source, DISABLED,
                disabled.updatedAt(), Optional.of(disabled.id()), disabled.tenant(), data, Optional.empty());
    }
}
