package dev.hooklane.subscriptions.subscription;

import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.service.kafka.TopicTable;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /v1/subscriptions}: create, list, get and delete a tenant's subscriptions. */
public final class SubscriptionRoutes {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRoutes.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_PAGE = 100;

    private final TopicTable<Subscription> table;
    private final Authenticator auth;
    private final SubscriptionValidator validator;
    private final Clock clock;

    public SubscriptionRoutes(TopicTable<Subscription> table, Authenticator auth, boolean allowHttpUrls, Clock clock) {
        this.table = table;
        this.auth = auth;
        this.validator = new SubscriptionValidator(allowHttpUrls);
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/subscriptions", this::create);
        routes.get("/v1/subscriptions", this::list);
        routes.get("/v1/subscriptions/{id}", this::get);
        routes.delete("/v1/subscriptions/{id}", this::delete);
    }

    private void create(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        CreateSubscriptionRequest request = RequestBodies.bind(RequestBodies.jsonTree(ctx), CreateSubscriptionRequest.class);
        Subscription subscription = validator.toSubscription(request, newId(), tenant, clock.instant());
        table.put(subscription.id(), subscription);
        log.info("Created subscription {} for tenant {} on {}", subscription.id(), tenant, subscription.eventTypes());
        ctx.status(201).json(SubscriptionView.of(subscription).withSecret(subscription.secrets().get(0).secret()));
    }

    private void list(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        int limit = ctx.queryParamAsClass("limit", Integer.class).check(l -> l >= 1 && l <= MAX_PAGE, "limit must be 1 to " + MAX_PAGE)
                .getOrDefault(MAX_PAGE);
        String after = ctx.queryParam("after");
        List<Subscription> page = table.values().stream()
                .filter(s -> s.tenant().equals(tenant))
                .filter(s -> after == null || s.id().compareTo(after) > 0)
                .sorted(Comparator.comparing(Subscription::id))
                .limit(limit + 1L)
                .toList();
        boolean more = page.size() > limit;
        List<SubscriptionView> data = page.stream().limit(limit).map(SubscriptionView::of).toList();
        ctx.json(more ? Map.of("data", data, "nextCursor", data.get(data.size() - 1).id()) : Map.of("data", data));
    }

    private void get(Context ctx) {
        ctx.json(SubscriptionView.of(owned(ctx)));
    }

    private void delete(Context ctx) {
        Subscription subscription = owned(ctx);
        table.delete(subscription.id());
        log.info("Deleted subscription {} of tenant {}", subscription.id(), subscription.tenant());
        ctx.status(204);
    }

    /** The subscription named in the path if the caller's tenant owns it; 404 otherwise, even if another tenant does. */
    private Subscription owned(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        String id = ctx.pathParam("id");
        return table.get(id).filter(s -> s.tenant().equals(tenant))
                .orElseThrow(() -> ProblemException.notFound("no subscription " + id));
    }


    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "sub_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
