package dev.hooklane.subscriptions.attempts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hooklane.contracts.delivery.AttemptRecord;
import java.time.Instant;

/** One attempt as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptView(String jobId, String eventId, String subscriptionId, int attempt, String outcome, Integer statusCode,
                          long durationMillis, String responseExcerpt, String error, Instant attemptedAt, String trigger) {

    public static AttemptView of(AttemptRecord record) {
        return new AttemptView(record.jobId(), record.eventId(), record.subscriptionId().orElse(null), record.attempt(),
                record.outcome().wireName(), record.statusCode().orElse(null), record.durationMillis(), record.responseExcerpt().orElse(null),
                record.error().orElse(null), record.attemptedAt(), record.trigger().orElse(null));
    }
}
