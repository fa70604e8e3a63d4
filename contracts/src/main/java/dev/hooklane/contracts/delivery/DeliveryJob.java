package dev.hooklane.contracts.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One (event, subscription) delivery, from routing until it is delivered or dead-lettered. Jobs
 * carry no secret: the worker signs at attempt time with the subscription's current secrets.
 *
 * @param jobId stable across retries; sent as {@code webhook-id}
 * @param eventId the event's id
 * @param tenant owning account
 * @param subscriptionId the matched subscription; empty for a job to an event's own callback URL
 * @param callbackUrl the event's own callback URL, for jobs without a subscription
 * @param eventType the event's type
 * @param contentType content type of {@code body}
 * @param body the request body, rendered in the subscription's payload format (not copied: treat as read-only)
 * @param eventTime when the event happened (for end-to-end latency)
 * @param createdAt when the job was routed
 * @param attempt number of the next attempt, 1 for the first
 * @param dueAt when the next attempt may start
 */
public record DeliveryJob(
        String jobId,
        String eventId,
        String tenant,
        Optional<String> subscriptionId,
        Optional<String> callbackUrl,
        String eventType,
        String contentType,
        byte[] body,
        Instant eventTime,
        Instant createdAt,
        int attempt,
        Instant dueAt) {

    public DeliveryJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tenant, "tenant");
        subscriptionId = subscriptionId == null ? Optional.empty() : subscriptionId;
        callbackUrl = callbackUrl == null ? Optional.empty() : callbackUrl;
        if (subscriptionId.isEmpty() == callbackUrl.isEmpty()) {
            throw new IllegalArgumentException("a job has either a subscription or a callback URL: " + jobId);
        }
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1: " + attempt);
        }
        Objects.requireNonNull(dueAt, "dueAt");
    }

    /** The Kafka key of this job: the subscription id, else the event id. */
    public String key() {
        return subscriptionId.orElse(eventId);
    }

    /** The body as text (it is UTF-8 JSON for every payload format). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The same job, its attempt not used, to be attempted at {@code due}. */
    public DeliveryJob postponed(Instant due) {
        return new DeliveryJob(jobId, eventId, tenant, subscriptionId, callbackUrl, eventType, contentType, body,
                eventTime, createdAt, attempt, due);
    }

    /** The same job, to be attempted again as attempt {@code attempt + 1} at {@code due}. */
    public DeliveryJob nextAttempt(Instant due) {
        return new DeliveryJob(jobId, eventId, tenant, subscriptionId, callbackUrl, eventType, contentType, body,
                eventTime, createdAt, attempt + 1, due);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeliveryJob job && jobId.equals(job.jobId) && eventId.equals(job.eventId) && tenant.equals(job.tenant)
                && subscriptionId.equals(job.subscriptionId) && callbackUrl.equals(job.callbackUrl) && eventType.equals(job.eventType)
                && contentType.equals(job.contentType) && Arrays.equals(body, job.body) && eventTime.equals(job.eventTime)
                && createdAt.equals(job.createdAt) && attempt == job.attempt && dueAt.equals(job.dueAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, attempt, dueAt);
    }

    @Override
    public String toString() {
        return "DeliveryJob[jobId=" + jobId + ", eventId=" + eventId + ", subscriptionId=" + subscriptionId.orElse("-")
                + ", attempt=" + attempt + "]";
    }
}
