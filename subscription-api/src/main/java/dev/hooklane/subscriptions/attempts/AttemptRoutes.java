package dev.hooklane.subscriptions.attempts;

import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.Problem;
import dev.hooklane.service.http.ProblemException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /v1/subscriptions/{id}/attempts} and {@code GET /v1/events/{eventId}/attempts}: the
 * delivery attempts of a tenant's subscription or event, newest first, in pages of up to 100 with
 * an opaque {@code cursor}. Another tenant's ids answer 404.
 */
public final class AttemptRoutes {

    static final int MAX_PAGE = 100;
    static final int DEFAULT_PAGE = 50;

    private final AttemptLog log;
    private final Authenticator auth;
    private final Function<String, Optional<Subscription>> subscriptions;

    public AttemptRoutes(AttemptLog log, Authenticator auth, Function<String, Optional<Subscription>> subscriptions) {
        this.log = log;
        this.auth = auth;
        this.subscriptions = subscriptions;
    }

    public void register(RoutesConfig routes) {
        routes.get("/v1/subscriptions/{id}/attempts", this::ofSubscription);
        routes.get("/v1/events/{eventId}/attempts", this::ofEvent);
    }

    private void ofSubscription(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        String id = ctx.pathParam("id");
        boolean owned = subscriptions.apply(id).map(s -> s.tenant().equals(tenant))
                .orElseGet(() -> log.tenantOfSubscription(id).map(tenant::equals).orElse(false));
        if (!owned) {
            throw ProblemException.notFound("no subscription " + id);
        }
        page(ctx, log.ofSubscription(id));
    }

    private void ofEvent(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        String eventId = ctx.pathParam("eventId");
        List<AttemptIndex.Entry> entries = log.ofEvent(tenant, eventId);
        if (entries.isEmpty()) {
            throw ProblemException.notFound("no delivery attempts known for event " + eventId);
        }
        page(ctx, entries);
    }

    private void page(Context ctx, List<AttemptIndex.Entry> newestFirst) {
        int limit = limit(ctx);
        Optional<Cursor> after = Optional.ofNullable(ctx.queryParam("cursor")).map(Cursor::parse);
        List<AttemptIndex.Entry> rest = after.map(cursor -> newestFirst.stream().filter(cursor::isBefore).toList()).orElse(newestFirst);
        List<AttemptIndex.Entry> page = rest.subList(0, Math.min(limit, rest.size()));
        List<AttemptView> data = page.stream().map(entry -> AttemptView.of(entry.record)).toList();
        if (rest.size() > limit) {
            ctx.json(Map.of("data", data, "nextCursor", Cursor.of(page.get(page.size() - 1)).encoded()));
        } else {
            ctx.json(Map.of("data", data));
        }
    }

    private static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return DEFAULT_PAGE;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.validation(List.of(new Problem.FieldError("limit", "must be an integer from 1 to " + MAX_PAGE)));
    }

    /** The position after the last attempt of a page: its time and arrival number. */
    record Cursor(long attemptedAtMillis, long seq) {
        static Cursor of(AttemptIndex.Entry entry) {
            return new Cursor(entry.record.attemptedAt().toEpochMilli(), entry.seq);
        }

        static Cursor parse(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
                return new Cursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw ProblemException.validation(List.of(new Problem.FieldError("cursor", "is not a cursor this API returned")));
            }
        }

        String encoded() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((attemptedAtMillis + ":" + seq).getBytes(StandardCharsets.UTF_8));
        }

        /** Whether {@code entry} comes after this cursor in newest-first order. */
        boolean isBefore(AttemptIndex.Entry entry) {
            long at = entry.record.attemptedAt().toEpochMilli();
            return at < attemptedAtMillis || (at == attemptedAtMillis && entry.seq < seq);
        }
    }
}
