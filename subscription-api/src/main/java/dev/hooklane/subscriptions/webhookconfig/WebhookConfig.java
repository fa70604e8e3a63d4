package dev.hooklane.subscriptions.webhookconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.subscriptions.subscription.CreateSubscriptionRequest;
import dev.hooklane.subscriptions.subscription.FilterDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Seed 003's webhook configuration, and how it maps onto a subscription: the callback URL, the
 * process status event type, and a filter so that only events of those processes, of that
 * municipality and that application, trigger it; an optional expression narrows it further.
 *
 * @param whid the id, which is the subscription id (absent in requests)
 * @param filter optional {@code {"expression": "..."}}: a CEL expression that must also be true
 * @param secret the signing secret, in the creation answer only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookConfig(String whid, String whname, String whcomment, String applicationId, String municipalityId, String callbackUrl,
                            List<String> processes, JsonNode filter, String secret) {

    /** The event type a webhook configuration listens to. */
    public static final String EVENT_TYPE = "processStatusUpdated";
    /** The data fields the filter reads. */
    public static final String APPLICATION = "data.applicationId";
    public static final String MUNICIPALITY = "data.municipalityId";
    public static final String PROCESS = "data.processId";
    /** The metadata that marks subscriptions made here. */
    public static final Map<String, String> ORIGIN = Map.of("origin", "webhookconfig");
    static final int MAX_TEXT = 200;

    /** Every field is required, as the seed's API says; a bad field answers 422 naming it. */
    void check() {
        List<FieldError> errors = new ArrayList<>();
        required("whname", whname, errors);
        required("whcomment", whcomment, errors);
        required("applicationId", applicationId, errors);
        required("municipalityId", municipalityId, errors);
        if (callbackUrl == null || callbackUrl.isBlank()) {
            errors.add(new FieldError("callbackUrl", "is required"));
        }
        if (processes == null || processes.isEmpty()) {
            errors.add(new FieldError("processes", "one or more process ids are required"));
        } else if (processes.size() > FilterCondition.MAX_VALUES) {
            errors.add(new FieldError("processes", "at most " + FilterCondition.MAX_VALUES + " process ids"));
        } else {
            for (int i = 0; i < processes.size(); i++) {
                if (processes.get(i) == null || processes.get(i).isBlank() || processes.get(i).length() > MAX_TEXT) {
                    errors.add(new FieldError("processes[" + i + "]", "a process id has 1 to " + MAX_TEXT + " characters"));
                }
            }
        }
        if (filter != null && !filter.isNull() && (!filter.isObject() || filter.size() != 1 || !filter.has(FilterDocument.EXPRESSION))) {
            errors.add(new FieldError("filter", "is {\"expression\": \"...\"}, a CEL expression the events must also satisfy"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    private static void required(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "at most " + MAX_TEXT + " characters"));
        }
    }

    /** The subscription fields this configuration stands for, over {@code base} (a new or the stored subscription). */
    CreateSubscriptionRequest onto(CreateSubscriptionRequest base) {
        CreateSubscriptionRequest request = new CreateSubscriptionRequest(callbackUrl, List.of(EVENT_TYPE), base.secret(), base.name(),
                base.description(), base.format(), base.headers(), base.filter(), base.rateLimitPerSecond(), base.timeoutSeconds(),
                base.metadata(), base.enabled(), base.disabledReason());
        return request.withLabels(whname, whcomment, ORIGIN).withFilter(FilterDocument.view(new SubscriptionFilter(List.of(
                new FilterCondition(APPLICATION, List.of(applicationId)),
                new FilterCondition(MUNICIPALITY, List.of(municipalityId)),
                new FilterCondition(PROCESS, processes.stream().distinct().toList())), expression())));
    }

    private Optional<String> expression() {
        return filter == null ? Optional.empty() : Optional.ofNullable(filter.path(FilterDocument.EXPRESSION).textValue());
    }

    /** The configuration a subscription made here stands for. */
    static WebhookConfig of(Subscription subscription) {
        return new WebhookConfig(subscription.id(), subscription.name().orElse(""), subscription.description().orElse(""),
                single(subscription, APPLICATION), single(subscription, MUNICIPALITY), subscription.url(), values(subscription, PROCESS),
                subscription.filter().expression().map(e -> (JsonNode) Json.mapper().createObjectNode().put(FilterDocument.EXPRESSION, e)).orElse(null),
                null);
    }

    WebhookConfig withSecret(String text) {
        return new WebhookConfig(whid, whname, whcomment, applicationId, municipalityId, callbackUrl, processes, filter, text);
    }

    private static List<String> values(Subscription subscription, String attribute) {
        return subscription.filter().conditions().stream().filter(c -> c.attribute().equals(attribute)).findFirst()
                .map(FilterCondition::anyOf).orElse(List.of());
    }

    private static String single(Subscription subscription, String attribute) {
        List<String> values = values(subscription, attribute);
        return values.isEmpty() ? "" : values.get(0);
    }
}
