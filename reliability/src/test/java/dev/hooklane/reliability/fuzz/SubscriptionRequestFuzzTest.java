package dev.hooklane.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hooklane.contracts.text.PlainText;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.subscriptions.request.KnownFields;
import dev.hooklane.subscriptions.subscription.CreateSubscriptionRequest;
import dev.hooklane.subscriptions.subscription.SubscriptionValidator;
import java.time.Instant;
import java.util.Set;

/**
 * Fuzzes the subscription API's creation path as its route runs it: strict JSON parsing, known
 * fields, binding to {@link CreateSubscriptionRequest}, then every rule of
 * {@link SubscriptionValidator}. Every input is a valid subscription or a 4xx problem, never
 * another exception. Regression mode replays {@code SubscriptionRequestFuzzTestInputs}.
 */
class SubscriptionRequestFuzzTest {

    private static final Set<String> FIELDS = KnownFields.of(CreateSubscriptionRequest.class);
    private static final SubscriptionValidator VALIDATOR = new SubscriptionValidator(true);

    @FuzzTest(maxDuration = "2m")
    void shouldAcceptAValidSubscriptionOrRefuseWithAProblem(FuzzedDataProvider data) {
        JsonNode body;
        try {
            body = RequestBodies.parse(data.consumeRemainingAsBytes());
        } catch (ProblemException unreadable) {
            // 400 for a body that is not one JSON value, 422 naming a value that could not be kept as sent.
            assertThat(unreadable.problem().status()).isIn(400, 422);
            return;
        }
        try {
            if (body.isObject()) {
                KnownFields.require(body, FIELDS);
            }
            CreateSubscriptionRequest request = RequestBodies.bind(body, CreateSubscriptionRequest.class);
            Subscription subscription = VALIDATOR.toSubscription(request, "sub-1", "fuzz-tenant", Instant.EPOCH);
            assertThat(subscription.eventTypes()).isNotEmpty();
            // A URL scheme is case-insensitive (RFC 3986): the API and the worker accept "htTps://" as given.
            assertThat(subscription.url().toLowerCase(java.util.Locale.ROOT)).startsWith("http");
            assertThat(subscription.secrets()).isNotEmpty();
            subscription.name().ifPresent(name -> assertThat(PlainText.isPrintable(name)).as(name).isTrue());
        } catch (ProblemException refused) {
            assertThat(refused.problem().status()).isBetween(400, 499);
        }
    }
}
