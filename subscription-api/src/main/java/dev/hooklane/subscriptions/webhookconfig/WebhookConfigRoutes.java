package dev.hooklane.subscriptions.webhookconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.subscriptions.idempotency.Answer;
import dev.hooklane.subscriptions.idempotency.Idempotency;
import dev.hooklane.subscriptions.request.FieldNames;
import dev.hooklane.subscriptions.request.IfMatch;
import dev.hooklane.subscriptions.request.KnownFields;
import dev.hooklane.subscriptions.subscription.CreateSubscriptionRequest;
import dev.hooklane.subscriptions.subscription.Subscriptions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Seed 003's webhook configuration CRUD with its exact shapes: {@code GET /webhookconfig} (a list:
 * all, or the one with {@code ?whid=}), {@code POST}, {@code PATCH ?whid=} and {@code DELETE ?whid=}
 * (204, no content), usually
 * called with the {@code Ocp-Apim-Subscription-Key} header. Only subscriptions made here are
 * shown here.
 */
public final class WebhookConfigRoutes {

    static final String PATH = "/webhookconfig";
    private static final Set<String> FIELDS = Set.of("whname", "whcomment", "applicationId", "municipalityId", "callbackUrl", "processes",
            "filter");
    private static final Map<String, String> RENAMES = Map.of("url", "callbackUrl", "name", "whname", "description", "whcomment");

    private final Subscriptions subscriptions;
    private final Authenticator auth;
    private final Idempotency idempotency;

    public WebhookConfigRoutes(Subscriptions subscriptions, Authenticator auth, Idempotency idempotency) {
        this.subscriptions = subscriptions;
        this.auth = auth;
        this.idempotency = idempotency;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::get);
        routes.post(PATH, idempotency.wrap(this::create));
        routes.patch(PATH, this::update);
        routes.delete(PATH, this::delete);
    }

    /**
     * Always a list, as the seed documents the call ("retrieves a list of configured webhooks"):
     * every configuration, or with {@code ?whid=} the one that has that id, or none.
     */
    private void get(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        Stream<Subscription> found = ctx.queryParam("whid") == null ? subscriptions.ofTenant(tenant)
                : subscriptions.find(tenant, requiredWhid(ctx)).stream();
        ctx.json(found.filter(WebhookConfigRoutes::madeHere).map(WebhookConfig::of).toList());
    }

    private Answer create(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        WebhookConfig config = body(ctx);
        CreateSubscriptionRequest request = config.onto(CreateSubscriptionRequest.of(null, List.of()).withFormat(PayloadFormat.DATA.wireName()));
        Subscription created = FieldNames.renamed(RENAMES, () -> subscriptions.create(tenant, request));
        return Answer.created(WebhookConfig.of(created).withSecret(created.secrets().get(0).secret()));
    }

    private void update(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        Subscription current = owned(tenant, requiredWhid(ctx));
        WebhookConfig config = body(ctx);
        Subscription updated = FieldNames.renamed(RENAMES,
                () -> subscriptions.replace(tenant, current.id(), IfMatch.none(), config::onto).value());
        ctx.json(WebhookConfig.of(updated));
    }

    private void delete(Context ctx) {
        String tenant = auth.tenantOf(ctx);
        Subscription current = owned(tenant, requiredWhid(ctx));
        subscriptions.delete(tenant, current.id());
        ctx.status(204);
    }

    private static WebhookConfig body(Context ctx) {
        JsonNode body = RequestBodies.jsonTree(ctx);
        if (!body.isObject()) {
            throw ProblemException.badRequest("a JSON object is expected");
        }
        KnownFields.require(body, FIELDS);
        WebhookConfig config = RequestBodies.bind(body, WebhookConfig.class);
        config.check();
        return config;
    }

    private static String requiredWhid(Context ctx) {
        String whid = ctx.queryParam("whid");
        if (whid == null || whid.isBlank()) {
            throw ProblemException.validation(List.of(new FieldError("whid", "the query parameter is required")));
        }
        return whid;
    }

    private Subscription owned(String tenant, String whid) {
        return subscriptions.find(tenant, whid).filter(WebhookConfigRoutes::madeHere)
                .orElseThrow(() -> ProblemException.notFound("no webhook configuration " + whid));
    }

    private static boolean madeHere(Subscription subscription) {
        return WebhookConfig.ORIGIN.equals(subscription.metadata());
    }
}
