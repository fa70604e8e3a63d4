package dev.hooklane.router;

import static dev.hooklane.router.RouterDriver.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import dev.hooklane.router.routing.RouteMatcher;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Filter expressions in the router: matching, failing without stopping, counted and logged once per version. */
class RouterExpressionFilterTest {

    private final RouterDriver router = new RouterDriver();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger matcherLog = (Logger) LoggerFactory.getLogger(RouteMatcher.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        matcherLog.addAppender(logs);
    }

    @AfterEach
    void stop() {
        matcherLog.detachAppender(logs);
        router.close();
    }

    private static SubscriptionFilter filter(List<FilterCondition> conditions, String expression) {
        return new SubscriptionFilter(conditions, Optional.of(expression));
    }

    private void subscribe(String id, SubscriptionFilter filter) {
        router.subscribe(subscription(id, "acme", List.of("order.*"), filter, true, PayloadFormat.STANDARD));
    }

    private List<String> routedKeys() {
        return router.jobs.readRecordsToList().stream().map(TestRecord::key).toList();
    }

    @Test
    void shouldRouteOnlyEventsWhoseConditionsHoldAndWhoseExpressionIsTrue() throws Exception {
        subscribe("sub-big-eu", filter(List.of(new FilterCondition("data.customer.region", List.of("eu"))),
                "data.amount > 1000 && data.currency in ['EUR', 'USD']"));
        subscribe("sub-vip", filter(List.of(), "has(data.customer.vip) && data.customer.vip"));
        router.subscribe(subscription("sub-fr", "acme", List.of("order.*"),
                List.of(new FilterCondition("data.customer.country", List.of("FR"))), true, PayloadFormat.STANDARD));

        router.publish("evt-1", "acme", "order.created",
                "{\"amount\":1500,\"currency\":\"EUR\",\"customer\":{\"region\":\"eu\",\"country\":\"FR\",\"vip\":true}}");
        assertThat(routedKeys()).containsExactlyInAnyOrder("sub-big-eu", "sub-vip", "sub-fr");
        router.publish("evt-2", "acme", "order.created", "{\"amount\":1500,\"currency\":\"GBP\",\"customer\":{\"region\":\"eu\",\"country\":\"DE\"}}");
        assertThat(routedKeys()).isEmpty();
        router.publish("evt-3", "acme", "order.created", "{\"amount\":1500,\"currency\":\"USD\",\"customer\":{\"region\":\"us\",\"vip\":false}}");
        assertThat(routedKeys()).isEmpty();
        assertThat(router.counter("webhook.router.filter.failures", "reason", "error")).isZero();
    }

    @Test
    void shouldFollowTheNewExpressionWhenASubscriptionIsUpdated() throws Exception {
        subscribe("sub-a", filter(List.of(), "data.amount > 1000"));
        router.publish("evt-1", "acme", "order.created", "{\"amount\":500}");
        assertThat(routedKeys()).isEmpty();
        subscribe("sub-a", filter(List.of(), "data.amount > 100"));
        router.publish("evt-2", "acme", "order.created", "{\"amount\":500}");
        assertThat(routedKeys()).containsExactly("sub-a");
        subscribe("sub-a", SubscriptionFilter.NONE);
        router.publish("evt-3", "acme", "order.created", "{}");
        assertThat(routedKeys()).containsExactly("sub-a");
    }

    @Test
    void shouldSkipTheSubscriptionCountAndLogOnceWhenItsExpressionFails() throws Exception {
        subscribe("sub-amount", filter(List.of(), "data.amount > 1000"));
        router.subscribe("sub-all", "acme", "order.*");

        router.publish("evt-1", "acme", "order.created", "{\"total\":5000}");
        router.publish("evt-2", "acme", "order.created", "{\"total\":6000}");
        assertThat(routedKeys()).containsExactly("sub-all", "sub-all");
        assertThat(router.counter("webhook.router.filter.failures", "reason", "error")).isEqualTo(2.0);
        assertThat(router.deadLetters.isEmpty()).isTrue();
        assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("sub-amount", "evt-1", "expression-error").doesNotContain("5000");

        subscribe("sub-amount", filter(List.of(), "data.amount > 2000"));
        router.publish("evt-3", "acme", "order.created", "{\"total\":7000}");
        assertThat(logs.list).hasSize(2);
        assertThat(logs.list.get(1).getFormattedMessage()).contains("evt-3");
        router.publish("evt-4", "acme", "order.created", "{\"amount\":2500}");
        assertThat(routedKeys()).containsExactlyInAnyOrder("sub-all", "sub-all", "sub-amount");
    }

    @Test
    void shouldCountAnExpressionThatGoesOverItsCostAsNotMatching() throws Exception {
        subscribe("sub-heavy", filter(List.of(), "data.n.all(x, data.n.all(y, x + y >= 0))"));
        String numbers = IntStream.range(0, 500).mapToObj(Integer::toString).collect(Collectors.joining(","));
        router.publish("evt-1", "acme", "order.created", "{\"n\":[" + numbers + "]}");
        router.publish("evt-2", "acme", "order.created", "{\"n\":[1,2,3]}");
        assertThat(routedKeys()).containsExactly("sub-heavy");
        assertThat(router.counter("webhook.router.filter.failures", "reason", "cost")).isEqualTo(1.0);
        assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString().contains("cost-exceeded");
    }

    @Test
    void shouldCountAnExpressionThatDoesNotCompileAsAnErrorWhenItWasWrittenAroundTheApi() throws Exception {
        subscribe("sub-broken", filter(List.of(), "data.amount >"));
        router.subscribe("sub-all", "acme", "order.*");
        router.publish("evt-1", "acme", "order.created", "{\"amount\":5}");
        assertThat(routedKeys()).containsExactly("sub-all");
        assertThat(router.counter("webhook.router.filter.failures", "reason", "error")).isEqualTo(1.0);
    }
}
