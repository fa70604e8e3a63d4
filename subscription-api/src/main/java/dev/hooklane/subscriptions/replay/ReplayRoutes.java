package dev.hooklane.subscriptions.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.delivery.DeadLetter;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.Problem;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Replay and recovery of a tenant's subscription:
 * <ul>
 *   <li>{@code GET /v1/subscriptions/{id}/dead-letters?from=&to=&limit=}: its dead letters;</li>
 *   <li>{@code POST /v1/subscriptions/{id}/dead-letters/{jobId}/replay}: send one again;</li>
 *   <li>{@code POST /v1/subscriptions/{id}/replay} {@code {"from","to"}}: send all of a range again;</li>
 *   <li>{@code POST /v1/subscriptions/{id}/recover} {@code {"from","to"}}: send the matching events
 *       the platform received in a range (also for a new subscription that wants history).</li>
 * </ul>
 * Another tenant's subscription answers 404; a disabled one 409.
 */
public final class ReplayRoutes {

    /** Widest range one request may cover. */
    static final Duration MAX_RANGE = Duration.ofDays(31);
    /** How far back a single dead letter is looked for. */
    static final Duration DEAD_LETTER_LOOKBACK = Duration.ofDays(31);
    static final int MAX_LIST = 100;

    /** The answer of a replay or recovery. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReplayAnswer(int sent, long scanned, boolean complete, String detail) {
        public static ReplayAnswer of(ReplayService.Result result) {
            return new ReplayAnswer(result.sent(), result.scanned(), result.complete(),
                    result.complete() ? null : "a scan limit was reached: only part of the range was read; ask again from a later time");
        }
    }

    /** A dead letter as listed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeadLetterView(String jobId, String eventId, String eventType, int attempts, String reason, Integer lastStatusCode,
                                 String lastError, Instant deadAt) {
        public static DeadLetterView of(DeadLetter letter) {
            return new DeadLetterView(letter.job().jobId(), letter.job().eventId(), letter.job().eventType(), letter.job().attempt(),
                    letter.reason(), letter.lastStatusCode().orElse(null), letter.lastError().orElse(null), letter.deadAt());
        }
    }

    private record Range(Instant from, Instant to) {
    }

    private final ReplayService replay;
    private final Authenticator auth;
    private final Function<String, Optional<Subscription>> subscriptions;
    private final Clock clock;

    public ReplayRoutes(ReplayService replay, Authenticator auth, Function<String, Optional<Subscription>> subscriptions, Clock clock) {
        this.replay = replay;
        this.auth = auth;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/subscriptions/{id}/dead-letters", this::list);
        routes.post("/v1/subscriptions/{id}/dead-letters/{jobId}/replay", this::replayOne);
        routes.post("/v1/subscriptions/{id}/replay", this::replayRange);
        routes.post("/v1/subscriptions/{id}/recover", this::recover);
    }

    private void list(Context ctx) {
        Subscription subscription = owned(ctx);
        Range range = range(Optional.ofNullable(ctx.queryParam("from")), Optional.ofNullable(ctx.queryParam("to")), true);
        int limit = Optional.ofNullable(ctx.queryParam("limit")).map(ReplayRoutes::limit).orElse(MAX_LIST);
        List<DeadLetterView> data = unlessBusy(() -> replay.deadLetters(subscription, range.from(), range.to(), limit)).stream()
                .map(DeadLetterView::of).toList();
        ctx.json(Map.of("data", data));
    }

    private void replayOne(Context ctx) {
        Subscription subscription = enabled(owned(ctx));
        String jobId = ctx.pathParam("jobId");
        Instant now = clock.instant();
        ReplayService.Result result = unlessBusy(() -> replay.replay(subscription, Optional.of(jobId), now.minus(DEAD_LETTER_LOOKBACK), now));
        if (result.sent() == 0) {
            throw ProblemException.notFound("no dead letter " + jobId + " of subscription " + subscription.id()
                    + (result.complete() ? "" : " among the dead letters read before a scan limit"));
        }
        ctx.status(202).json(ReplayAnswer.of(result));
    }

    private void replayRange(Context ctx) {
        Subscription subscription = owned(ctx);
        Range range = bodyRange(ctx);
        ctx.status(202).json(ReplayAnswer.of(unlessBusy(() -> replay.replay(enabled(subscription), Optional.empty(), range.from(), range.to()))));
    }

    private void recover(Context ctx) {
        Subscription subscription = owned(ctx);
        Range range = bodyRange(ctx);
        ctx.status(202).json(ReplayAnswer.of(unlessBusy(() -> replay.recover(enabled(subscription), range.from(), range.to()))));
    }

    private static <T> T unlessBusy(java.util.function.Supplier<T> scan) {
        try {
            return scan.get();
        } catch (ReplayService.Busy e) {
            throw ProblemException.unavailable(e.getMessage(), Duration.ofSeconds(5));
        }
    }

    private Range bodyRange(Context ctx) {
        JsonNode body = RequestBodies.jsonTree(ctx);
        if (!body.isObject()) {
            throw ProblemException.badRequest("a JSON object {\"from\", \"to\"} is expected");
        }
        return range(text(body, "from"), text(body, "to"), false);
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.isTextual() ? node.asText() : node.toString());
    }

    private Range range(Optional<String> fromText, Optional<String> toText, boolean defaults) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant now = clock.instant();
        Optional<Instant> from = instant("from", fromText, errors);
        Optional<Instant> to = instant("to", toText, errors);
        if (!defaults && fromText.isEmpty()) {
            errors.add(new Problem.FieldError("from", "is required: an ISO-8601 instant such as 2025-11-23T10:00:00Z"));
        }
        Instant end = to.orElse(now);
        Instant start = from.orElse(end.minus(MAX_RANGE));
        if (errors.isEmpty() && !start.isBefore(end)) {
            errors.add(new Problem.FieldError("to", "must be after from"));
        }
        if (errors.isEmpty() && Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            errors.add(new Problem.FieldError("from", "the range may span at most " + MAX_RANGE.toDays() + " days"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new Range(start, end);
    }

    private static Optional<Instant> instant(String field, Optional<String> text, List<Problem.FieldError> errors) {
        try {
            return text.map(Instant::parse);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 instant such as 2025-11-23T10:00:00Z"));
            return Optional.empty();
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIST) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.validation(List.of(new Problem.FieldError("limit", "must be an integer from 1 to " + MAX_LIST)));
    }

    private Subscription owned(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        String id = ctx.pathParam("id");
        return subscriptions.apply(id).filter(s -> s.tenant().equals(tenant)).orElseThrow(() -> ProblemException.notFound("no subscription " + id));
    }

    private static Subscription enabled(Subscription subscription) {
        if (!subscription.enabled()) {
            throw ProblemException.conflict("subscription " + subscription.id() + " is disabled ("
                    + subscription.disabledReason().orElse("no reason given") + "); enable it before sending jobs to it");
        }
        return subscription;
    }
}
