package dev.hooklane.subscriptions.idempotency;

import java.util.Objects;

/**
 * What a POST route answers, as a value, so that the answer can be kept for an
 * {@code Idempotency-Key} and given again.
 *
 * @param status the HTTP status
 * @param body written as JSON
 */
public record Answer(int status, Object body) {

    public Answer {
        Objects.requireNonNull(body, "body");
    }

    public static Answer created(Object body) {
        return new Answer(201, body);
    }

    public static Answer ok(Object body) {
        return new Answer(200, body);
    }

    public static Answer accepted(Object body) {
        return new Answer(202, body);
    }
}
