package dev.hooklane.subscriptions.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hooklane.contracts.portal.PortalScope;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.subscriptions.request.KnownFields;
import dev.hooklane.subscriptions.subscription.CreateSubscriptionRequest;
import dev.hooklane.subscriptions.subscription.FilterDocument;
import dev.hooklane.subscriptions.subscription.Subscriptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A portal session's view of the tenant's subscriptions: only those its scope covers, and only
 * the fields a customer may change. Whatever the customer sends, a subscription made here carries
 * the scope's metadata and filter, and listens only to types the scope allows; every other rule is
 * the API's own ({@link Subscriptions}).
 */
final class PortalEndpoints {

    /** What a customer may set. */
    static final Set<String> FIELDS = Set.of("url", "eventTypes", "name", "description", "format", "enabled", "disabledReason");

    private final Subscriptions subscriptions;

    PortalEndpoints(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    List<Subscription> list(PortalTokens.Grant grant) {
        return subscriptions.ofTenant(grant.tenant()).filter(grant.scope()::covers).toList();
    }

    /** The subscription if the grant covers it; 404 otherwise, exactly as for an id that does not exist. */
    Subscription get(PortalTokens.Grant grant, String id) {
        return subscriptions.find(grant.tenant(), id).filter(grant.scope()::covers)
                .orElseThrow(() -> ProblemException.notFound("no endpoint " + id));
    }

    Subscription create(PortalTokens.Grant grant, JsonNode body) {
        ObjectNode fields = checked(grant.scope(), body);
        if (fields.has("enabled") || fields.has("disabledReason")) {
            throw ProblemException.validation(List.of(new FieldError("enabled", "a new endpoint starts enabled; disable it afterwards")));
        }
        CreateSubscriptionRequest request = RequestBodies.bind(fields, CreateSubscriptionRequest.class);
        List<FilterCondition> filter = grant.scope().filter();
        return subscriptions.create(grant.tenant(), request.withFilter(filter.isEmpty() ? null : FilterDocument.view(SubscriptionFilter.of(filter)))
                .withLabels(request.name(), request.description(), grant.scope().metadata().isEmpty() ? null : grant.scope().metadata()));
    }

    Subscription patch(PortalTokens.Grant grant, String id, JsonNode body) {
        Subscription current = get(grant, id);
        return subscriptions.patch(grant.tenant(), current.id(), checked(grant.scope(), body));
    }

    void delete(PortalTokens.Grant grant, String id) {
        subscriptions.delete(grant.tenant(), get(grant, id).id());
    }

    /** The body, if it is an object of customer fields whose event types the scope allows. */
    private static ObjectNode checked(PortalScope scope, JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw ProblemException.badRequest("a JSON object is expected");
        }
        KnownFields.require(object, FIELDS);
        JsonNode types = object.get("eventTypes");
        if (types != null && types.isArray()) {
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i).isTextual() && !scope.allowsEventType(types.get(i).asText())) {
                    errors.add(new FieldError("eventTypes[" + i + "]", types.get(i).asText() + " is not among the event types this portal offers"));
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
        }
        return object.deepCopy();
    }
}
