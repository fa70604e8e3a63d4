package dev.hooklane.contracts.matching;

import dev.hooklane.contracts.subscription.EventTypePattern;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import java.util.List;
import java.util.Objects;

/**
 * The one rule that decides whether an event reaches a subscription, compiled for one version of
 * it: the event is of the subscription's tenant, one of its event type patterns matches the
 * event's type ({@link EventTypePattern}), every attribute condition holds ({@link FilterCondition})
 * and its expression, if any, is true ({@link FilterExpression}). The router, the API's recovery and
 * filter test, and the tests' ledgers all decide with it. Immutable and safe to share.
 *
 * <p>An expression that does not compile (one written around the API) makes every event fail with
 * {@link MatchVerdict.Outcome#EXPRESSION_ERROR}; building a rule never throws.
 */
public final class MatchRule {

    private final String tenant;
    private final List<String> eventTypes;
    private final SubscriptionFilter filter;
    private final CompiledExpression expression;
    private final MatchVerdict uncompiled;

    private MatchRule(String tenant, List<String> eventTypes, SubscriptionFilter filter) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.eventTypes = List.copyOf(eventTypes);
        this.filter = Objects.requireNonNull(filter, "filter");
        CompiledExpression compiled = null;
        MatchVerdict failure = null;
        if (filter.expression().isPresent()) {
            try {
                compiled = FilterExpression.compile(filter.expression().get());
            } catch (InvalidExpressionException e) {
                failure = MatchVerdict.expressionError(() -> "it does not compile: " + e.getMessage());
            }
        }
        this.expression = compiled;
        this.uncompiled = failure;
    }

    /** The rule of {@code subscription} as it is now. */
    public static MatchRule of(Subscription subscription) {
        return new MatchRule(subscription.tenant(), subscription.eventTypes(), subscription.filter());
    }

    /** The rule of a subscription of {@code tenant} to {@code eventTypes} with {@code filter}. */
    public static MatchRule of(String tenant, List<String> eventTypes, SubscriptionFilter filter) {
        return new MatchRule(tenant, eventTypes, filter);
    }

    /** Whether the event reaches the subscription, and why. */
    public MatchVerdict test(MatchInput input) {
        String type = input.event().type();
        if (!tenant.equals(input.event().tenant())) {
            return MatchVerdict.OTHER_TENANT;
        }
        if (!EventTypePattern.anyMatches(eventTypes, type)) {
            return new MatchVerdict(MatchVerdict.Outcome.TYPE_NOT_SUBSCRIBED,
                    () -> "the subscription listens to " + eventTypes + ", and none of them matches " + type);
        }
        for (FilterCondition condition : filter.conditions()) {
            if (!condition.matches(input.event())) {
                return new MatchVerdict(MatchVerdict.Outcome.CONDITION_FAILED,
                        () -> "the condition on " + condition.attribute() + " does not hold: " + condition.whyNot(input.event()));
            }
        }
        if (uncompiled != null) {
            return uncompiled;
        }
        return expression == null ? MatchVerdict.MATCHED : expression.evaluate(input);
    }

    /** True when this is the rule of a subscription with these tenant, event types and filter. */
    boolean isFor(String otherTenant, List<String> otherEventTypes, SubscriptionFilter otherFilter) {
        return tenant.equals(otherTenant) && eventTypes.equals(otherEventTypes) && filter.equals(otherFilter);
    }
}
