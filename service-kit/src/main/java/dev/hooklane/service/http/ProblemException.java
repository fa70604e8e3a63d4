package dev.hooklane.service.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Ends a request with a problem answer; nothing was changed. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Optional<Duration> retryAfter;

    public ProblemException(Problem problem) {
        this(problem, Optional.empty());
    }

    public ProblemException(Problem problem, Optional<Duration> retryAfter) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "bad-request", "Bad request", detail));
    }

    public static ProblemException validation(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(Problem.of(422, "validation", "Invalid request", detail).withErrors(errors));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(Problem.of(429, "too-many-requests", "Too many requests", detail), Optional.of(retryAfter));
    }

    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail), Optional.of(retryAfter));
    }
}
