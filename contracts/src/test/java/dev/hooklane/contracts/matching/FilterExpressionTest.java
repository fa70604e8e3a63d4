package dev.hooklane.contracts.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.matching.InvalidExpressionException.Issue;
import dev.hooklane.contracts.matching.MatchVerdict.Outcome;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expression language as subscribers use it, over one event. */
class FilterExpressionTest {

    private static final String DATA = """
            {"amount": 1500, "price": 12.5, "currency": "EUR", "refunded": false, "note": null,
             "customer": {"id": "c-7", "country": "FR", "vip": true, "address": {"city": "Lyon"}}, "odd-name": 1,
             "tags": ["new", "priority"],
             "items": [{"sku": "A-1", "qty": 2}, {"sku": "B-2", "qty": 1}]}""";

    private static MatchInput event(String data, Optional<String> subject) {
        try {
            return MatchInput.of(new EventEnvelope("evt-1", URI.create("/shop/orders"), "order.created", Instant.parse("2026-03-01T10:00:00Z"),
                    subject, "acme", Json.mapper().readTree(data), Optional.empty()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Outcome evaluate(String expression) throws InvalidExpressionException {
        return FilterExpression.compile(expression).evaluate(event(DATA, Optional.of("order-42"))).outcome();
    }

    private static Issue firstIssue(String expression) {
        try {
            FilterExpression.compile(expression);
        } catch (InvalidExpressionException e) {
            return e.issues().get(0);
        }
        throw new AssertionError("compiled: " + expression);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
            data.amount > 1000                                       => MATCHED
            data.amount >= 1500 && data.amount < 1501                => MATCHED
            data.amount > 2000                                       => EXPRESSION_FALSE
            data.price > 12                                          => MATCHED
            data.amount > 1000.5                                     => MATCHED
            data.price == 12.5 && data.amount == 1500.0              => MATCHED
            data.currency == 'EUR' && !data.refunded                 => MATCHED
            data.currency != 'USD'                                   => MATCHED
            data.currency in ['EUR', 'USD']                          => MATCHED
            data.currency in ['GBP']                                 => EXPRESSION_FALSE
            'priority' in data.tags                                  => MATCHED
            'country' in data.customer                               => MATCHED
            data.customer.country == 'FR'                            => MATCHED
            data.customer.address.city == 'Lyon'                     => MATCHED
            data['customer']['country'] == 'FR' && data['odd-name'] == 1 => MATCHED
            has(data.customer.vip) && data.customer.vip              => MATCHED
            has(data.customer.blocked)                               => EXPRESSION_FALSE
            !has(data.discount) || data.discount > 10                => MATCHED
            has(data.note) && data.note == null                      => MATCHED
            size(data.tags) == 2 && data.tags[0] == 'new'            => MATCHED
            data.items.exists(i, i.sku == 'B-2' && i.qty == 1)       => MATCHED
            data.items.all(i, i.qty > 0)                             => MATCHED
            data.items.exists_one(i, i.sku.startsWith('A'))          => MATCHED
            data.items.map(i, i.qty).filter(q, q > 1).size() == 1    => MATCHED
            data.customer.id.startsWith('c-') && data.currency.endsWith('UR') => MATCHED
            data.customer.address.city.contains('yo')                => MATCHED
            data.customer.id.matches('^c-[0-9]+$')                   => MATCHED
            data.currency.lowerAscii() == 'eur'                      => MATCHED
            'FR,DE'.split(',').exists(c, c == data.customer.country) => MATCHED
            size(data.currency) == 3                                 => MATCHED
            data.currency.upperAscii() == 'EUR' && ' x '.trim() == 'x' => MATCHED
            data.customer.id.replace('c-', '') == '7'                => MATCHED
            data.customer.id.indexOf('7') == 2 && data.customer.id.substring(2) == '7' => MATCHED
            data.amount > 1000 ? data.currency == 'EUR' : false      => MATCHED
            time.getHours() == 10 && time < timestamp('2027-01-01T00:00:00Z') => MATCHED
            type == 'order.created' && type.startsWith('order.')     => MATCHED
            source == '/shop/orders' && tenant == 'acme'             => MATCHED
            subject == 'order-42'                                    => MATCHED
            time > timestamp('2026-01-01T00:00:00Z')                 => MATCHED
            time.getFullYear() == 2026                               => MATCHED
            type(data.tags) == list && type(data.customer) == map    => MATCHED
            data.amount == '1500'                                    => EXPRESSION_FALSE
            """)
    void shouldEvaluateTheLanguageSurfaceSubscribersUse(String expression, Outcome expected) throws Exception {
        assertThat(evaluate(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
            data.discount > 10                         => key 'discount' is not present
            data.customer.address.zip == '69001'       => key 'zip' is not present
            data.tags[5] == 'x'                        => Index out of bounds
            data.currency > 3                          => No matching overload
            data.amount / 0 > 1                        => by zero
            data.customer.id                           => a value of type string where true or false was expected
            """)
    void shouldFailTheEvaluationWhenAFieldIsMissingOrOfAnotherType(String expression, String message) throws Exception {
        MatchVerdict verdict = FilterExpression.compile(expression).evaluate(event(DATA, Optional.empty()));
        assertThat(verdict.outcome()).isEqualTo(Outcome.EXPRESSION_ERROR);
        assertThat(verdict.reason()).startsWith("the expression failed: ").containsIgnoringCase(message);
    }

    @Test
    void shouldNameTheCharacterWhereTheEvaluationFailed() throws Exception {
        assertThat(FilterExpression.compile("data.discount > 10").evaluate(event(DATA, Optional.empty())).reason())
                .isEqualTo("the expression failed: at character 5: key 'discount' is not present in map.");
    }

    @Test
    void shouldGiveAnEmptySubjectWhenTheEventHasNone() throws Exception {
        assertThat(FilterExpression.compile("subject == ''").evaluate(event(DATA, Optional.empty())).matched()).isTrue();
    }

    @Test
    void shouldSeeDataThatIsNotAnObject() throws Exception {
        assertThat(FilterExpression.compile("data.size() == 2 && data[1] == 3").evaluate(event("[\"a\", 3]", Optional.empty())).matched()).isTrue();
        assertThat(FilterExpression.compile("data == 'plain'").evaluate(event("\"plain\"", Optional.empty())).matched()).isTrue();
        assertThat(FilterExpression.compile("data.big > 9223372036854775807").evaluate(event("{\"big\": 1e300}", Optional.empty())).matched()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
            data.amount >                  => 1 => 14 => mismatched input '<EOF>'
            type > 5                       => 1 =>  6 => found no matching overload for '_>_' applied to '(string, int)'
            data.amount + 1                => 1 => 13 => expected type 'bool' but found 'int'
            1 + 2                          => 1 =>  3 => expected type 'bool' but found 'int'
            amount > 5                     => 1 =>  1 => undeclared reference to 'amount'
            data.currency.shout()          => 1 => 20 => undeclared reference to 'shout'
            size(type, 2) == 1             => 1 =>  5 => found no matching overload for 'size'
            """)
    void shouldRefuseSyntaxAndTypeErrorsWithTheirPosition(String expression, int line, int column, String message) {
        Issue issue = firstIssue(expression);
        assertThat(issue.line()).isEqualTo(line);
        assertThat(issue.column()).isEqualTo(column);
        assertThat(issue.message()).contains(message);
    }

    @Test
    void shouldCountLinesOfAMultiLineExpression() {
        Issue issue = firstIssue("data.amount > 10 &&\n  data.currency = 'EUR'");
        assertThat(issue.line()).isEqualTo(2);
        assertThat(issue.toString()).startsWith("line 2, column ");
    }

    @Test
    void shouldRefuseAnEmptyOrOverlongOrTooDeeplyNestedExpression() {
        assertThat(firstIssue("  ").message()).isEqualTo("is empty");
        String longest = "data.note == '" + "x".repeat(FilterExpression.MAX_LENGTH - 15) + "'";
        assertThat(longest).hasSize(FilterExpression.MAX_LENGTH);
        assertThat(catchCompile(longest)).isNull();
        assertThat(firstIssue(longest + " ").message()).isEqualTo("has more than " + FilterExpression.MAX_LENGTH + " characters");
        String deep = "(".repeat(FilterExpression.MAX_NESTING + 1) + "true" + ")".repeat(FilterExpression.MAX_NESTING + 1);
        assertThat(firstIssue(deep).message()).containsIgnoringCase("recursion");
    }

    private static InvalidExpressionException catchCompile(String expression) {
        try {
            FilterExpression.compile(expression);
            return null;
        } catch (InvalidExpressionException e) {
            return e;
        }
    }

    @Test
    void shouldStopAnEvaluationThatGoesOverItsCost() throws Exception {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 900; i++) {
            items.append(i == 0 ? "" : ",").append(i);
        }
        MatchInput large = event("{\"n\": " + items + "]}", Optional.empty());
        // About 15 steps per element over 900 elements: within the iteration limit, over the step limit.
        assertThat(FilterExpression.compile("data.n.all(x, x >= 0 && x < 100000 && x != 5000)").evaluate(large).outcome())
                .isEqualTo(Outcome.COST_EXCEEDED);
        // 900 x 900 iterations: over the iteration limit long before the steps run out.
        MatchVerdict nested = FilterExpression.compile("data.n.all(x, data.n.all(y, true))").evaluate(large);
        assertThat(nested.outcome()).isEqualTo(Outcome.COST_EXCEEDED);
        assertThat(nested.reason()).contains(String.valueOf(FilterExpression.COST_LIMIT));
        assertThat(FilterExpression.compile("data.n.exists(x, x == 3)").evaluate(large).matched()).isTrue();
    }
}
