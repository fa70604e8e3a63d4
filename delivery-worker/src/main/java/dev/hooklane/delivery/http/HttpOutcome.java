package dev.hooklane.delivery.http;

import java.time.Duration;
import java.util.Optional;

/** What one HTTP attempt came to: a response, or a failure before one arrived. */
public sealed interface HttpOutcome {

    Duration duration();

    /**
     * The receiver answered.
     *
     * @param retryAfter the {@code Retry-After} header as sent, if any
     * @param excerpt the start of the body, at most 4 KiB
     */
    record Response(int status, Optional<String> retryAfter, String excerpt, Duration duration) implements HttpOutcome {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * No response: timeout, refused or reset connection, TLS or DNS failure.
     *
     * @param message what happened, for the attempt log
     */
    record Failure(FailureKind kind, String message, Duration duration) implements HttpOutcome {
    }
}
