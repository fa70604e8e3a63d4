package dev.hooklane.contracts.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job that will not be attempted again, and why. On the wire see {@link DeadLetters}.
 *
 * @param job the job as it was when it died
 * @param cause why, as one of a few fixed values
 * @param reason why, in a sentence (e.g. "410 Gone: subscription disabled", "exhausted 10 attempts")
 * @param lastStatusCode the last HTTP status received, if any
 * @param lastError the last transport error, if any
 * @param deadAt when it was dead-lettered
 */
public record DeadLetter(DeliveryJob job, DeadLetterCause cause, String reason, Optional<Integer> lastStatusCode, Optional<String> lastError,
                         Instant deadAt) {

    public DeadLetter {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
        lastStatusCode = lastStatusCode == null ? Optional.empty() : lastStatusCode;
        lastError = lastError == null ? Optional.empty() : lastError;
        Objects.requireNonNull(deadAt, "deadAt");
    }
}
