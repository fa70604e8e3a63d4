package dev.hooklane.contracts.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.matching.MatchVerdict.Outcome;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole rule, tenant to expression, and the reasons it gives. */
class MatchRuleTest {

    private static MatchInput event(String tenant, String type, String data) throws Exception {
        return MatchInput.of(new EventEnvelope("evt-1", URI.create("/shop"), type, Instant.EPOCH, Optional.of("order-1"), tenant,
                Json.mapper().readTree(data), Optional.empty()));
    }

    private static SubscriptionFilter filter(List<FilterCondition> conditions, String expression) {
        return new SubscriptionFilter(conditions, Optional.ofNullable(expression));
    }

    private static final SubscriptionFilter EU_BIG_ORDERS = filter(List.of(new FilterCondition("data.customer.region", List.of("eu"))),
            "data.amount > 1000 && data.currency in ['EUR', 'USD']");
    private static final MatchRule RULE = MatchRule.of("acme", List.of("order.*"), EU_BIG_ORDERS);

    @Test
    void shouldMatchWhenTenantTypeConditionsAndExpressionAllHold() throws Exception {
        MatchVerdict verdict = RULE.test(event("acme", "order.created", "{\"customer\":{\"region\":\"eu\"},\"amount\":1500,\"currency\":\"EUR\"}"));
        assertThat(verdict.matched()).isTrue();
        assertThat(verdict.outcome().wireName()).isEqualTo("matched");
    }

    @Test
    void shouldTellWhichPartOfTheRuleFailed() throws Exception {
        assertThat(RULE.test(event("globex", "order.created", "{}")).outcome()).isEqualTo(Outcome.OTHER_TENANT);

        MatchVerdict type = RULE.test(event("acme", "invoice.paid", "{}"));
        assertThat(type.outcome()).isEqualTo(Outcome.TYPE_NOT_SUBSCRIBED);
        assertThat(type.reason()).isEqualTo("the subscription listens to [order.*], and none of them matches invoice.paid");

        MatchVerdict condition = RULE.test(event("acme", "order.created", "{\"customer\":{\"region\":\"apac\"},\"amount\":1500}"));
        assertThat(condition.outcome()).isEqualTo(Outcome.CONDITION_FAILED);
        assertThat(condition.outcome().wireName()).isEqualTo("condition-failed");
        assertThat(condition.reason()).isEqualTo("the condition on data.customer.region does not hold: data.customer.region is \"apac\", not one of [eu]");

        MatchVerdict expression = RULE.test(event("acme", "order.created", "{\"customer\":{\"region\":\"eu\"},\"amount\":20,\"currency\":\"EUR\"}"));
        assertThat(expression.outcome()).isEqualTo(Outcome.EXPRESSION_FALSE);
        assertThat(expression.reason()).isEqualTo("the expression is false");

        MatchVerdict missing = RULE.test(event("acme", "order.created", "{\"customer\":{\"region\":\"eu\"},\"currency\":\"EUR\"}"));
        assertThat(missing.outcome()).isEqualTo(Outcome.EXPRESSION_ERROR);
        assertThat(missing.reason()).contains("key 'amount' is not present");
    }

    @Test
    void shouldLetEveryEventOfTheTypeThroughAnEmptyFilter() throws Exception {
        MatchRule rule = MatchRule.of("acme", List.of("*"), SubscriptionFilter.NONE);
        assertThat(rule.test(event("acme", "anything.at.all", "null")).matched()).isTrue();
    }

    @Test
    void shouldFailEveryEventWhenTheStoredExpressionDoesNotCompile() throws Exception {
        MatchRule rule = MatchRule.of("acme", List.of("*"), filter(List.of(), "data.amount >"));
        MatchVerdict verdict = rule.test(event("acme", "order.created", "{\"amount\":1}"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.EXPRESSION_ERROR);
        assertThat(verdict.reason()).startsWith("the expression failed: it does not compile: line 1, column 14: mismatched input");
    }

    @Test
    void shouldCompileARuleOncePerSubscriptionVersion() {
        MatchRules rules = new MatchRules(10);
        MatchRule first = rules.rule("sub-1", "acme", List.of("order.*"), EU_BIG_ORDERS);
        assertThat(rules.rule("sub-1", "acme", List.of("order.*"), filter(EU_BIG_ORDERS.conditions(), EU_BIG_ORDERS.expression().get())))
                .isSameAs(first);
        assertThat(rules.rule("sub-1", "acme", List.of("order.*"), filter(List.of(), EU_BIG_ORDERS.expression().get()))).isNotSameAs(first);
        assertThat(rules.rule("sub-1", "acme", List.of("order.created"), EU_BIG_ORDERS)).isNotSameAs(first);
        assertThat(rules.rule("sub-2", "acme", List.of("order.*"), EU_BIG_ORDERS)).isNotSameAs(first);
    }

    @Test
    void shouldStartAgainEmptyWhenTheCacheIsFull() {
        MatchRules rules = new MatchRules(2);
        MatchRule first = rules.rule("sub-1", "acme", List.of("*"), EU_BIG_ORDERS);
        rules.rule("sub-2", "acme", List.of("*"), EU_BIG_ORDERS);
        assertThat(rules.rule("sub-1", "acme", List.of("*"), EU_BIG_ORDERS)).isSameAs(first);
        rules.rule("sub-3", "acme", List.of("*"), EU_BIG_ORDERS);
        assertThat(rules.rule("sub-1", "acme", List.of("*"), EU_BIG_ORDERS)).isNotSameAs(first);
        assertThatThrownBy(() -> new MatchRules(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
