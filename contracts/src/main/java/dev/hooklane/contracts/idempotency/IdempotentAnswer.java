package dev.hooklane.contracts.idempotency;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one {@code Idempotency-Key}, as stored on the compacted idempotency-keys topic
 * (key = {@link #storageKey(String, String)}). A request first writes a pending claim; the first
 * live claim in the topic's order wins on every instance; the winner then writes its answer, which
 * later requests with the same key and body get back until {@code expiresAt}.
 *
 * @param claimId random id of the request that claimed the key
 * @param requestHash SHA-256 of method, path and body: the same key with another request is refused
 * @param status the HTTP status of the answer; empty while the claim is pending
 * @param contentType the answer's content type; empty while pending
 * @param body the answer's body; empty while pending
 * @param createdAt when the claim was written
 * @param expiresAt when the key is forgotten (a pending claim expires soon, an answer after a day)
 */
public record IdempotentAnswer(
        String claimId,
        String requestHash,
        Optional<Integer> status,
        Optional<String> contentType,
        Optional<String> body,
        Instant createdAt,
        Instant expiresAt) {

    public IdempotentAnswer {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(requestHash, "requestHash");
        status = status == null ? Optional.empty() : status;
        contentType = contentType == null ? Optional.empty() : contentType;
        body = body == null ? Optional.empty() : body;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The record key: the caller (tenant id, or {@code admin}) and the client's key. */
    public static String storageKey(String caller, String idempotencyKey) {
        return caller + "/" + idempotencyKey;
    }

    public static IdempotentAnswer pending(String claimId, String requestHash, Instant now, Instant expiresAt) {
        return new IdempotentAnswer(claimId, requestHash, Optional.empty(), Optional.empty(), Optional.empty(), now, expiresAt);
    }

    public IdempotentAnswer completed(int answerStatus, String answerContentType, String answerBody, Instant expires) {
        return new IdempotentAnswer(claimId, requestHash, Optional.of(answerStatus), Optional.of(answerContentType), Optional.of(answerBody),
                createdAt, expires);
    }

    public boolean isPending() {
        return status.isEmpty();
    }

    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "IdempotentAnswer[claimId=" + claimId + ", status=" + status.map(String::valueOf).orElse("pending") + ", expiresAt=" + expiresAt + "]";
    }
}
