package dev.hooklane.contracts.matching;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Whether an event reaches a subscription, and why. The reason is put into words only when asked
 * for, so that routing pays nothing for it.
 */
public final class MatchVerdict {

    /** How the rule decided. */
    public enum Outcome {
        /** The event reaches the subscription. */
        MATCHED,
        /** The event belongs to another tenant. */
        OTHER_TENANT,
        /** None of the subscription's event type patterns matches the event's type. */
        TYPE_NOT_SUBSCRIBED,
        /** An attribute condition does not hold. */
        CONDITION_FAILED,
        /** The expression is false. */
        EXPRESSION_FALSE,
        /** The expression could not be evaluated (a missing field, a wrong type, a division by zero, ...). */
        EXPRESSION_ERROR,
        /** The expression went over its cost limit. */
        COST_EXCEEDED;

        /** The name in API answers: {@code matched}, {@code condition-failed}, ... */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static final MatchVerdict MATCHED = new MatchVerdict(Outcome.MATCHED, () -> "every condition holds and the expression, if any, is true");
    static final MatchVerdict EXPRESSION_FALSE = new MatchVerdict(Outcome.EXPRESSION_FALSE, () -> "the expression is false");
    static final MatchVerdict COST_EXCEEDED = new MatchVerdict(Outcome.COST_EXCEEDED, () -> "the expression went over its cost limit of "
            + FilterExpression.COST_LIMIT + " steps or " + FilterExpression.MAX_ITERATIONS + " macro iterations");
    static final MatchVerdict OTHER_TENANT = new MatchVerdict(Outcome.OTHER_TENANT, () -> "the event belongs to another tenant");

    private final Outcome outcome;
    private final Supplier<String> reason;

    MatchVerdict(Outcome outcome, Supplier<String> reason) {
        this.outcome = outcome;
        this.reason = reason;
    }

    static MatchVerdict expressionError(Supplier<String> message) {
        return new MatchVerdict(Outcome.EXPRESSION_ERROR, () -> "the expression failed: " + message.get());
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean matched() {
        return outcome == Outcome.MATCHED;
    }

    /** Why, in words: {@code data.region is "apac", not one of [eu, us]}, {@code the expression is false}, ... */
    public String reason() {
        return reason.get();
    }

    @Override
    public String toString() {
        return outcome.wireName() + ": " + reason();
    }
}
