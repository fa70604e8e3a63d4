package dev.hooklane.contracts.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.matching.MatchInput;
import dev.hooklane.contracts.matching.MatchRule;
import dev.hooklane.contracts.matching.MatchVerdict;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MatchingTest {

    private static EventEnvelope event(String type, String data) throws Exception {
        return new EventEnvelope("e1", URI.create("/portal"), type, Instant.EPOCH, Optional.of("case-7"), "acme",
                Json.mapper().readTree(data), Optional.empty());
    }

    @Test
    void shouldMatchExactWildcardAndDotPrefixPatterns() {
        assertThat(EventTypePattern.matches("reportCreated", "reportCreated")).isTrue();
        assertThat(EventTypePattern.matches("reportCreated", "reportCreated2")).isFalse();
        assertThat(EventTypePattern.matches("*", "anything.at.all")).isTrue();
        assertThat(EventTypePattern.matches("report.*", "report.created")).isTrue();
        assertThat(EventTypePattern.matches("report.*", "report.state.changed")).isTrue();
        assertThat(EventTypePattern.matches("report.*", "reportCreated")).isFalse();
        assertThat(EventTypePattern.matches("report.*", "report")).isFalse();
    }

    @Test
    void shouldListEveryPatternThatMatchesAType() {
        assertThat(EventTypePattern.patternsMatching("report.state.changed"))
                .containsExactly("report.state.changed", "report.state.*", "report.*", "*");
        assertThat(EventTypePattern.patternsMatching("NewCustomer")).containsExactly("NewCustomer", "*");
        for (String pattern : EventTypePattern.patternsMatching("a.b.c")) {
            assertThat(EventTypePattern.matches(pattern, "a.b.c")).as(pattern).isTrue();
        }
    }

    @Test
    void shouldValidatePatterns() {
        assertThat(EventTypePattern.isValid("*")).isTrue();
        assertThat(EventTypePattern.isValid("report.*")).isTrue();
        assertThat(EventTypePattern.isValid("report*")).isFalse();
        assertThat(EventTypePattern.isValid(".*")).isFalse();
        assertThat(EventTypePattern.isValid("a.*.b")).isFalse();
    }

    @Test
    void shouldMatchEqualityAndInListOnDataFields() throws Exception {
        EventEnvelope event = event("processStatusUpdated",
                "{\"applicationId\":\"app-1\",\"municipalityId\":\"m-9\",\"processId\":\"p2\",\"tags\":[\"x\",\"y\"],\"count\":3}");
        assertThat(new FilterCondition("data.applicationId", List.of("app-1")).matches(event)).isTrue();
        assertThat(new FilterCondition("data.processId", List.of("p1", "p2")).matches(event)).isTrue();
        assertThat(new FilterCondition("data.processId", List.of("p1", "p3")).matches(event)).isFalse();
        assertThat(new FilterCondition("data.tags", List.of("y")).matches(event)).isTrue();
        assertThat(new FilterCondition("data.count", List.of("3")).matches(event)).isTrue();
        assertThat(new FilterCondition("data.missing", List.of("x")).matches(event)).isFalse();
        assertThat(new FilterCondition("subject", List.of("case-7")).matches(event)).isTrue();
        assertThat(new FilterCondition("source", List.of("/portal")).matches(event)).isTrue();
    }

    @Test
    void shouldRequireEveryConditionOfAFilter() throws Exception {
        EventEnvelope event = event("x", "{\"applicationId\":\"app-1\",\"municipalityId\":\"m-9\"}");
        List<FilterCondition> filter = List.of(new FilterCondition("data.applicationId", List.of("app-1")),
                new FilterCondition("data.municipalityId", List.of("m-1")));
        MatchVerdict verdict = MatchRule.of("acme", List.of("*"), SubscriptionFilter.of(filter)).test(MatchInput.of(event));
        assertThat(verdict.outcome()).isEqualTo(MatchVerdict.Outcome.CONDITION_FAILED);
        assertThat(verdict.reason()).startsWith("the condition on data.municipalityId does not hold");
        assertThat(MatchRule.of("acme", List.of("*"), SubscriptionFilter.NONE).test(MatchInput.of(event)).matched()).isTrue();
    }

    @Test
    void shouldMatchNestedDataFieldsWhenEveryStepIsAnObject() throws Exception {
        EventEnvelope event = event("order.created",
                "{\"customer\":{\"country\":\"FR\",\"address\":{\"city\":\"Lyon\"},\"tags\":[\"vip\"]},\"lines\":[{\"sku\":\"A\"}]}");
        assertThat(new FilterCondition("data.customer.country", List.of("FR", "DE")).matches(event)).isTrue();
        assertThat(new FilterCondition("data.customer.address.city", List.of("Lyon")).matches(event)).isTrue();
        assertThat(new FilterCondition("data.customer.tags", List.of("vip")).matches(event)).isTrue();
        assertThat(new FilterCondition("data.customer.country", List.of("DE")).matches(event)).isFalse();
        assertThat(new FilterCondition("data.customer.address", List.of("Lyon")).matches(event)).isFalse();
        assertThat(new FilterCondition("data.customer.country.code", List.of("FR")).matches(event)).isFalse();
        assertThat(new FilterCondition("data.vendor.country", List.of("FR")).matches(event)).isFalse();
        assertThat(new FilterCondition("data.lines.sku", List.of("A")).matches(event)).isFalse();
    }

    @Test
    void shouldSayWhyAConditionDoesNotHold() throws Exception {
        EventEnvelope event = event("order.created", "{\"customer\":{\"country\":\"FR\"}}");
        assertThat(new FilterCondition("data.customer.country", List.of("DE", "AT")).whyNot(event))
                .isEqualTo("data.customer.country is \"FR\", not one of [DE, AT]");
        assertThat(new FilterCondition("data.customer.vip", List.of("true")).whyNot(event)).isEqualTo("the event has no data.customer.vip");
        assertThat(new FilterCondition("subject", List.of("case-8")).whyNot(event)).isEqualTo("subject is case-7, not one of [case-8]");
    }

    @Test
    void shouldRefuseUnknownAttributesTooDeepPathsAndEmptyValueLists() {
        assertThatThrownBy(() -> new FilterCondition("type", List.of("x"))).hasMessageContaining("subject, source or data.");
        assertThatThrownBy(() -> new FilterCondition("data.", List.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FilterCondition("data.a..b", List.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FilterCondition("data" + ".f".repeat(FilterCondition.MAX_DEPTH + 1), List.of("x")))
                .hasMessageContaining("up to " + FilterCondition.MAX_DEPTH + " fields deep");
        assertThat(new FilterCondition("data" + ".f".repeat(FilterCondition.MAX_DEPTH), List.of("x")).attribute()).startsWith("data.f.f");
        assertThatThrownBy(() -> new FilterCondition("data.a", List.of())).hasMessageContaining("1 to");
    }
}
