package dev.hooklane.subscriptions.attempts;

import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.Problem;
import dev.hooklane.service.http.ProblemException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
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

    private final AttemptHistory history;
    private final Authenticator auth;
    private final Function<String, Optional<Subscription>> subscriptions;

    public AttemptRoutes(AttemptHistory history, Authenticator auth, Function<String, Optional<Subscription>> subscriptions) {
        this.history = history;
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
        int limit = limit(ctx);
        Optional<AttemptStore.Position> after = cursor(ctx);
        boolean owned = subscriptions.apply(id).map(s -> s.tenant().equals(tenant))
                .orElseGet(() -> history.tenantOfSubscription(id).map(tenant::equals).orElse(false));
        if (!owned) {
            throw ProblemException.notFound("no subscription " + id);
        }
        answer(ctx, history.ofSubscription(id, after, limit));
    }

    private void ofEvent(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        String eventId = ctx.pathParam("eventId");
        int limit = limit(ctx);
        Optional<AttemptStore.Position> after = cursor(ctx);
        AttemptStore.Page page = history.ofEvent(tenant, eventId, after, limit);
        if (page.attempts().isEmpty() && after.isEmpty()) {
            throw ProblemException.notFound("no delivery attempts known for event " + eventId);
        }
        answer(ctx, page);
    }

    private static void answer(Context ctx, AttemptStore.Page page) {
        List<AttemptView> data = page.attempts().stream().map(AttemptView::of).toList();
        page.next().ifPresentOrElse(next -> ctx.json(Map.of("data", data, "nextCursor", Cursor.encode(next))),
                () -> ctx.json(Map.of("data", data)));
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

    private static Optional<AttemptStore.Position> cursor(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("cursor")).map(Cursor::decode);
    }

    /**
     * A page cursor: the position of the page's last attempt (its time and its record's partition and
     * offset in the attempts topic), which every instance understands.
     */
    static final class Cursor {
        private Cursor() {
        }

        static String encode(AttemptStore.Position position) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(position.bytes());
        }

        static AttemptStore.Position decode(String text) {
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(text);
                if (bytes.length == AttemptStore.Position.BYTES) {
                    return AttemptStore.Position.of(bytes, 0);
                }
            } catch (IllegalArgumentException e) {
                // answered below
            }
            throw ProblemException.validation(List.of(new Problem.FieldError("cursor", "is not a cursor this API returned")));
        }
    }
}
