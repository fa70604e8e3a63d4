package dev.hooklane.contracts.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One delivery attempt, as written to the attempts topic.
 *
 * @param jobId the job ({@code webhook-id})
 * @param eventId the event
 * @param tenant owning account
 * @param subscriptionId the subscription, empty for callback jobs
 * @param attempt attempt number, 1 for the first
 * @param outcome what became of it
 * @param statusCode the HTTP status, when the receiver answered
 * @param durationMillis time from sending the request to the end of the response
 * @param responseExcerpt the start of the response body, at most 4 KiB
 * @param error why it failed, when it did
 * @param attemptedAt when the attempt started
 * @param trigger why the job was sent beyond routing: {@code replay} or {@code recover} (see
 *     {@link JobHeaders#TRIGGER}); empty for routed jobs
 */
public record AttemptRecord(
        String jobId,
        String eventId,
        String tenant,
        Optional<String> subscriptionId,
        int attempt,
        AttemptOutcome outcome,
        Optional<Integer> statusCode,
        long durationMillis,
        Optional<String> responseExcerpt,
        Optional<String> error,
        Instant attemptedAt,
        Optional<String> trigger) {

    /** Longest response excerpt kept, in characters. */
    public static final int MAX_EXCERPT = 4096;

    public AttemptRecord {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tenant, "tenant");
        subscriptionId = subscriptionId == null ? Optional.empty() : subscriptionId;
        Objects.requireNonNull(outcome, "outcome");
        statusCode = statusCode == null ? Optional.empty() : statusCode;
        responseExcerpt = responseExcerpt == null ? Optional.empty()
                : responseExcerpt.map(text -> text.length() > MAX_EXCERPT ? text.substring(0, MAX_EXCERPT) : text);
        error = error == null ? Optional.empty() : error;
        Objects.requireNonNull(attemptedAt, "attemptedAt");
        trigger = trigger == null ? Optional.empty() : trigger;
    }

    /** An attempt of a routed job (no trigger). */
    public AttemptRecord(String jobId, String eventId, String tenant, Optional<String> subscriptionId, int attempt, AttemptOutcome outcome,
                         Optional<Integer> statusCode, long durationMillis, Optional<String> responseExcerpt, Optional<String> error,
                         Instant attemptedAt) {
        this(jobId, eventId, tenant, subscriptionId, attempt, outcome, statusCode, durationMillis, responseExcerpt, error, attemptedAt,
                Optional.empty());
    }
}
