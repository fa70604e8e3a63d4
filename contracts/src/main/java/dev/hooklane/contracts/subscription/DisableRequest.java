package dev.hooklane.contracts.subscription;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to disable a subscription, sent by a service that is not the subscriptions' writer
 * (the delivery worker, when an endpoint answers 410 Gone or fails for too long) to the
 * subscription API, which applies it to the subscription's current version. Kept as JSON on the
 * subscription-disable-requests topic, keyed by subscription id.
 *
 * @param format the record's format, {@link #FORMAT}; a reader refuses a later one it does not know
 * @param subscriptionId the subscription to disable
 * @param tenant its owner, as the requester saw it
 * @param url the endpoint that failed: the request applies only while this is still the subscription's URL
 * @param seenVersion the version of the subscription the requester saw (0 when it had none), for the logs
 * @param reason why, in words the tenant reads in the subscription's {@code disabledReason}
 * @param requestedAt when the requester decided
 */
public record DisableRequest(int format, String subscriptionId, String tenant, String url, long seenVersion, String reason,
                             Instant requestedAt) {

    /** The format this code writes and reads. */
    public static final int FORMAT = 1;

    public DisableRequest {
        if (format < 1 || format > FORMAT) {
            throw new IllegalArgumentException("unknown disable request format " + format);
        }
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (seenVersion < 0) {
            throw new IllegalArgumentException("seenVersion is 0 or more: " + seenVersion);
        }
    }

    /** A request in the current format. */
    public static DisableRequest of(String subscriptionId, String tenant, String url, long seenVersion, String reason, Instant requestedAt) {
        return new DisableRequest(FORMAT, subscriptionId, tenant, url, seenVersion, reason, requestedAt);
    }

    /** Whether {@code current}, the subscription as it is now, is the one this request is about and still enabled. */
    public boolean appliesTo(Subscription current) {
        return current.id().equals(subscriptionId) && current.tenant().equals(tenant) && current.url().equals(url) && current.enabled();
    }
}
