package dev.hooklane.subscriptions.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hooklane.contracts.idempotency.IdempotentAnswer;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.auth.Caller;
import dev.hooklane.service.http.Problem;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.subscriptions.SubscriptionApiMetrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POST routes: the first request with a key runs and its answer is kept
 * (on a compacted topic, so every instance and every restart knows it); a later request with the
 * same key and the same method, path and body gets that answer again with
 * {@code Idempotent-Replayed: true}; the same key with another request is refused with 422.
 * A request that fails (any problem answer) leaves no trace, so it can be retried with its key.
 */
public final class Idempotency {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";
    /** Set on a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String JSON = "application/json";

    /** A route that computes its answer instead of writing it. */
    @FunctionalInterface
    public interface AnsweringHandler {
        Answer handle(Context ctx) throws Exception;
    }

    private final IdempotencyStore store;
    private final Authenticator auth;
    private final SubscriptionApiMetrics metrics;
    private final Duration ttl;
    private final Duration claimTtl;
    private final Clock clock;

    /**
     * @param ttl how long an answer is kept
     * @param claimTtl how long a claim blocks the key while its request runs
     */
    public Idempotency(IdempotencyStore store, Authenticator auth, SubscriptionApiMetrics metrics, Duration ttl, Duration claimTtl, Clock clock) {
        this.store = store;
        this.auth = auth;
        this.metrics = metrics;
        this.ttl = ttl;
        this.claimTtl = claimTtl;
        this.clock = clock;
    }

    /** The route, honouring {@code Idempotency-Key} when the request carries one. */
    public Handler wrap(AnsweringHandler handler) {
        return ctx -> {
            String key = ctx.header(HEADER);
            if (key == null) {
                write(ctx, handler.handle(ctx));
                return;
            }
            Caller caller = auth.authenticate(ctx);
            if (!KEY.matcher(key).matches()) {
                throw ProblemException.validation(List.of(new FieldError(HEADER, "must have 1 to 255 visible ASCII characters")));
            }
            String storageKey = IdempotentAnswer.storageKey(caller.tenant().orElse("admin"), key);
            run(ctx, handler, storageKey, requestHash(ctx));
        };
    }

    private void run(Context ctx, AnsweringHandler handler, String storageKey, String hash) throws Exception {
        Optional<IdempotentAnswer> held = store.get(storageKey);
        if (held.isPresent()) {
            answerFromStore(ctx, held.get(), hash);
            return;
        }
        Instant now = clock.instant();
        IdempotentAnswer claim = IdempotentAnswer.pending(UUID.randomUUID().toString(), hash, now, now.plus(claimTtl));
        store.put(storageKey, claim);
        IdempotentAnswer winner = store.get(storageKey).orElse(claim);
        if (!winner.claimId().equals(claim.claimId())) {
            answerFromStore(ctx, winner, hash);
            return;
        }
        Answer answer;
        try {
            answer = handler.handle(ctx);
        } catch (Exception e) {
            store.release(storageKey);
            throw e;
        }
        String body = json(answer.body());
        store.put(storageKey, claim.completed(answer.status(), JSON, body, clock.instant().plus(ttl)));
        metrics.idempotency("first");
        ctx.status(answer.status()).contentType(JSON).result(body);
    }

    private void answerFromStore(Context ctx, IdempotentAnswer held, String hash) {
        if (!held.requestHash().equals(hash)) {
            metrics.idempotency("mismatch");
            throw new ProblemException(Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "this Idempotency-Key was used with another request; use a new key for a new request").withErrors(
                    List.of(new FieldError(HEADER, "was used with another method, path or body"))));
        }
        if (held.isPending()) {
            metrics.idempotency("in_progress");
            throw new ProblemException(Problem.of(409, "idempotency-key-in-progress", "Request in progress",
                    "a request with this Idempotency-Key is still running; retry shortly"), Optional.of(Duration.ofSeconds(1)));
        }
        metrics.idempotency("replayed");
        ctx.header(REPLAYED_HEADER, "true");
        ctx.status(held.status().orElseThrow()).contentType(held.contentType().orElse(JSON)).result(held.body().orElse(""));
    }

    private static void write(Context ctx, Answer answer) {
        ctx.status(answer.status()).contentType(JSON).result(json(answer.body()));
    }

    private static String requestHash(Context ctx) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((ctx.method().name() + " " + ctx.path() + "?" + Optional.ofNullable(ctx.queryString()).orElse("") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(ctx.bodyAsBytes());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String json(Object body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }
}
