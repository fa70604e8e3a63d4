package dev.hooklane.subscriptions.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final SubscriptionValidator httpsOnly = new SubscriptionValidator(false);

    private static CreateSubscriptionRequest request(String url, List<String> types) {
        return CreateSubscriptionRequest.of(url, types);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<FieldError> errors(SubscriptionValidator validator, CreateSubscriptionRequest request) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> validator.toSubscription(request, "sub_1", "acme", NOW));
        assertThat(e.problem().status()).isEqualTo(422);
        return e.problem().errors();
    }

    private List<String> badFields(SubscriptionValidator validator, CreateSubscriptionRequest request) {
        return errors(validator, request).stream().map(FieldError::field).toList();
    }

    private CreateSubscriptionRequest filtered(String filter) {
        return request("https://example.com/", List.of("order.*")).withFilter(json(filter));
    }

    @Test
    void shouldTakeConditionsAloneAsAnArrayOrWithAnExpressionAsAnObject() {
        Subscription conditions = httpsOnly.toSubscription(filtered("[{\"attribute\":\"data.customer.country\",\"values\":[\"FR\"]}]"),
                "sub_1", "acme", NOW);
        assertThat(conditions.filter()).isEqualTo(SubscriptionFilter.of(List.of(new FilterCondition("data.customer.country", List.of("FR")))));
        Subscription both = httpsOnly.toSubscription(filtered("{\"conditions\":[{\"attribute\":\"subject\",\"values\":[\"s-1\"]}],"
                + "\"expression\":\"data.amount > 1000 && data.currency in ['EUR', 'USD']\"}"), "sub_1", "acme", NOW);
        assertThat(both.filter().conditions()).extracting(FilterCondition::attribute).containsExactly("subject");
        assertThat(both.filter().expression()).contains("data.amount > 1000 && data.currency in ['EUR', 'USD']");
        assertThat(httpsOnly.toSubscription(filtered("{\"expression\":\"has(data.vip)\"}"), "sub_1", "acme", NOW).filter().conditions()).isEmpty();
        assertThat(httpsOnly.toSubscription(filtered("null"), "sub_1", "acme", NOW).filter()).isEqualTo(SubscriptionFilter.NONE);
    }

    @Test
    void shouldRefuseAnExpressionThatDoesNotCompileWithItsPosition() {
        assertThat(errors(httpsOnly, filtered("{\"expression\":\"data.amount >\"}"))).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("filter.expression");
            assertThat(error.message()).startsWith("line 1, column 14: mismatched input '<EOF>'");
        });
        assertThat(errors(httpsOnly, filtered("{\"expression\":\"type > 5\"}"))).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("filter.expression");
            assertThat(error.message()).startsWith("line 1, column 6: found no matching overload for '_>_' applied to '(string, int)'");
        });
        assertThat(errors(httpsOnly, filtered("{\"expression\":\"data.amount + 1\"}"))).singleElement().extracting(FieldError::message)
                .asString().contains("expected type 'bool' but found 'int'");
        assertThat(badFields(httpsOnly, filtered("{\"expression\":\"\"}"))).containsExactly("filter.expression");
        assertThat(badFields(httpsOnly, filtered("{\"expression\":\"" + "x".repeat(2001) + "\"}"))).containsExactly("filter.expression");
    }

    @Test
    void shouldRefuseFiltersOfTheWrongShape() {
        assertThat(badFields(httpsOnly, filtered("\"data.x == 1\""))).containsExactly("filter");
        assertThat(badFields(httpsOnly, filtered("{\"expression\":5}"))).containsExactly("filter.expression");
        assertThat(badFields(httpsOnly, filtered("{\"conditions\":{}}"))).containsExactly("filter.conditions");
        assertThat(badFields(httpsOnly, filtered("{\"expresion\":\"true\"}"))).containsExactly("filter.expresion");
        assertThat(badFields(httpsOnly, filtered("{\"conditions\":[{\"attribute\":\"data.a\",\"values\":[1]}]}")))
                .containsExactly("filter.conditions[0]");
        assertThat(badFields(httpsOnly, filtered("[{\"attribute\":\"data.a\",\"values\":[\"x\"],\"op\":\"not\"}]"))).containsExactly("filter[0]");
        assertThat(badFields(httpsOnly, filtered("[" + "{\"attribute\":\"data.a\",\"values\":[\"x\"]},".repeat(10) + "{\"attribute\":\"data.a\",\"values\":[\"x\"]}]")))
                .containsExactly("filter");
    }

    @Test
    void shouldBuildASubscriptionWithAGeneratedSecret() {
        Subscription subscription = httpsOnly.toSubscription(request("https://example.com/hook?our-reference=1232323", List.of("reportCreated", "report.*")),
                "sub_1", "acme", NOW);
        assertThat(subscription.url()).isEqualTo("https://example.com/hook?our-reference=1232323");
        assertThat(subscription.secrets()).singleElement().satisfies(s -> assertThat(s.secret()).startsWith("whsec_"));
        assertThat(subscription.format()).isEqualTo(PayloadFormat.STANDARD);
        assertThat(subscription.enabled()).isTrue();
    }

    @Test
    void shouldRefuseBadUrls() {
        assertThat(badFields(httpsOnly, request("http://example.com/", List.of("*")))).containsExactly("url");
        assertThat(badFields(httpsOnly, request("https://user:pw@example.com/", List.of("*")))).containsExactly("url");
        assertThat(badFields(httpsOnly, request("/relative", List.of("*")))).containsExactly("url");
        assertThat(badFields(httpsOnly, request("https://example.com/" + "a".repeat(2048), List.of("*")))).containsExactly("url");
        assertThat(badFields(httpsOnly, request("ftp://example.com/", List.of("*")))).containsExactly("url");
        assertThat(badFields(httpsOnly, request("https://example.com:65536/", List.of("*")))).containsExactly("url");
        assertThat(badFields(httpsOnly, request("https://example.com:0/", List.of("*")))).containsExactly("url");
        assertThat(badFields(httpsOnly, request(null, List.of("*")))).containsExactly("url");
        assertThat(new SubscriptionValidator(true).toSubscription(request("http://localhost:9000/x", List.of("*")), "s", "t", NOW).url())
                .isEqualTo("http://localhost:9000/x");
    }

    @Test
    void shouldReportEveryBadFieldAtOnce() {
        CreateSubscriptionRequest request = new CreateSubscriptionRequest("https://example.com/", List.of("ok", "not ok", "a*"), "whsec_short",
                null, "d".repeat(2000), "xml", Map.of("Content-Type", "x", "X-Team", "ops", "webhook-signature", "forged"),
                json("[{\"attribute\":\"type\",\"values\":[\"x\"]}]"), 0, 61, null, null, null);
        assertThat(badFields(httpsOnly, request)).containsExactlyInAnyOrder("eventTypes[1]", "eventTypes[2]", "secret", "description", "format",
                "headers.Content-Type", "headers.webhook-signature", "filter[0]", "rateLimitPerSecond", "timeoutSeconds");
    }

    @Test
    void shouldRequireEventTypes() {
        assertThat(badFields(httpsOnly, request("https://example.com/", List.of()))).containsExactly("eventTypes");
    }

    @Test
    void shouldRefuseEachRemainingRule() {
        CreateSubscriptionRequest base = request("https://example.com/", List.of("*"));
        assertThat(badFields(httpsOnly, base.withLabels("n".repeat(101), null, null))).containsExactly("name");
        assertThat(badFields(httpsOnly, base.withLabels(null, null, Map.of("k".repeat(65), "v")))).containsExactly("metadata." + "k".repeat(65));
        assertThat(badFields(httpsOnly, base.withFilter(json("[{\"attribute\":\"data.processId\",\"values\":[]}]"))))
                .containsExactly("filter[0]");
        assertThat(badFields(httpsOnly, request("https://example.com/#frag", List.of("*")))).containsExactly("url");
        assertThat(badFields(httpsOnly, request("https://exa mple.com/", List.of("*")))).containsExactly("url");
        CreateSubscriptionRequest headers = new CreateSubscriptionRequest("https://example.com/", List.of("*"), null, null, null, null,
                Map.of("Bad Name", "x", "X-Ok", "line\nbreak", "Transfer-Encoding", "chunked"), null, null, null, null, null, null);
        assertThat(badFields(httpsOnly, headers)).containsExactlyInAnyOrder("headers.Bad Name", "headers.X-Ok", "headers.Transfer-Encoding");
        CreateSubscriptionRequest reason = new CreateSubscriptionRequest("https://example.com/", List.of("*"), null, null, null, null, null,
                null, null, null, null, true, "why");
        assertThat(badFields(httpsOnly, reason)).containsExactly("disabledReason");
    }

    @Test
    void shouldAskTheTargetCheckAboutNewUrlsOnly() {
        SubscriptionValidator refusing = new SubscriptionValidator(false, url -> java.util.Optional.of("resolves to a private address"));
        assertThat(badFields(refusing, request("https://example.com/", List.of("*")))).containsExactly("url");
        Subscription stored = httpsOnly.toSubscription(request("https://example.com/", List.of("*")), "sub_1", "acme", NOW);
        Subscription renamed = refusing.updated(stored, CreateSubscriptionRequest.editable(stored).withLabels("renamed", null, null), NOW);
        assertThat(renamed.name()).contains("renamed");
        assertThat(renamed.secrets()).isEqualTo(stored.secrets());
    }

    @Test
    void shouldDisableWithAReasonAndKeepTheSecretsOnUpdate() {
        Subscription stored = httpsOnly.toSubscription(request("https://example.com/", List.of("*")), "sub_1", "acme", NOW);
        CreateSubscriptionRequest disable = new CreateSubscriptionRequest("https://example.com/", List.of("*"), null, null, null, null, null,
                null, null, null, null, false, null);
        Subscription disabled = httpsOnly.updated(stored, disable, NOW.plusSeconds(5));
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).contains("disabled by the subscriber");
        assertThat(disabled.createdAt()).isEqualTo(NOW);
        assertThat(disabled.updatedAt()).isEqualTo(NOW.plusSeconds(5));
    }
}
