package dev.hooklane.router;

import static dev.hooklane.router.RouterDriver.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.Subscription;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which subscriptions an event reaches: exact, wildcard and prefix patterns, filters, disabled, deleted, updated. */
class RouterMatchingTest {

    private final RouterDriver router = new RouterDriver();

    @AfterEach
    void stop() {
        router.close();
    }

    private List<String> routedKeys() {
        return router.jobs.readRecordsToList().stream().map(TestRecord::key).toList();
    }

    @Test
    void shouldEmitOneJobPerExactMatchOfTheTenantWhenTheTypeIsSubscribed() throws Exception {
        router.subscribe("sub-a", "acme", "reportCreated");
        router.subscribe("sub-b", "acme", "reportCreated", "operationCreated");
        router.subscribe("sub-c", "acme", "operationCreated");
        router.subscribe("sub-other-tenant", "globex", "reportCreated");

        router.publish("evt-1", "acme", "reportCreated", "{\"id\":\"r1\"}");

        List<TestRecord<String, DeliveryJob>> out = router.jobs.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactlyInAnyOrder("sub-a", "sub-b");
        DeliveryJob job = out.get(0).value();
        assertThat(job.eventId()).isEqualTo("evt-1");
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.callbackUrl()).isEmpty();
        assertThat(job.bodyText()).isEqualTo("{\"type\":\"reportCreated\",\"timestamp\":\"2026-11-23T10:00:00Z\",\"data\":{\"id\":\"r1\"}}");
        assertThat(router.counter("webhook.router.jobs", "target", "subscription")).isEqualTo(2.0);
        assertThat(router.registry.get("webhook.router.fanout").summary().totalAmount()).isEqualTo(2.0);
    }

    @Test
    void shouldRouteEveryTypeToAWildcardSubscriptionWhenItListensToStar() throws Exception {
        router.subscribe("sub-all", "acme", "*");
        router.subscribe("sub-all-globex", "globex", "*");
        router.publish("evt-1", "acme", "reportCreated", "{}");
        router.publish("evt-2", "acme", "report.state.changed", "{}");
        assertThat(routedKeys()).containsExactly("sub-all", "sub-all");
    }

    @Test
    void shouldRouteTypesUnderADotPrefixWhenThePatternEndsWithDotStar() throws Exception {
        router.subscribe("sub-report", "acme", "report.*");
        router.subscribe("sub-state", "acme", "report.state.*");
        router.subscribe("sub-op", "acme", "operation.*");
        router.publish("evt-1", "acme", "report.created", "{}");
        assertThat(routedKeys()).containsExactly("sub-report");
        router.publish("evt-2", "acme", "report.state.changed", "{}");
        assertThat(routedKeys()).containsExactlyInAnyOrder("sub-report", "sub-state");
        router.publish("evt-3", "acme", "reportCreated", "{}");
        router.publish("evt-4", "acme", "report", "{}");
        assertThat(routedKeys()).isEmpty();
    }

    @Test
    void shouldEmitOneJobWhenSeveralPatternsOfOneSubscriptionMatch() throws Exception {
        router.subscribe("sub-a", "acme", "report.created", "report.*", "*");
        router.publish("evt-1", "acme", "report.created", "{}");
        assertThat(routedKeys()).containsExactly("sub-a");
    }

    @Test
    void shouldRouteOnlyWhenTheDataValueIsInTheFilterList() throws Exception {
        router.subscribe(subscription("sub-m12", "acme", List.of("processComplete"),
                List.of(new FilterCondition("data.municipalityId", List.of("m-1", "m-2"))), true, PayloadFormat.STANDARD));
        router.subscribe(subscription("sub-m1-p7", "acme", List.of("processComplete"),
                List.of(new FilterCondition("data.municipalityId", List.of("m-1")), new FilterCondition("data.processId", List.of("p-7"))),
                true, PayloadFormat.STANDARD));
        router.publish("evt-1", "acme", "processComplete", "{\"municipalityId\":\"m-2\",\"processId\":\"p-7\"}");
        assertThat(routedKeys()).containsExactly("sub-m12");
        router.publish("evt-2", "acme", "processComplete", "{\"municipalityId\":\"m-1\",\"processId\":\"p-7\"}");
        assertThat(routedKeys()).containsExactlyInAnyOrder("sub-m12", "sub-m1-p7");
        router.publish("evt-3", "acme", "processComplete", "{\"municipalityId\":\"m-3\"}");
        router.publish("evt-4", "acme", "processComplete", "{}");
        assertThat(routedKeys()).isEmpty();
    }

    @Test
    void shouldSkipADisabledSubscriptionAndRouteItAgainWhenReEnabled() throws Exception {
        Subscription disabled = subscription("sub-a", "acme", List.of("reportCreated"), List.of(), false, PayloadFormat.STANDARD);
        router.subscribe(disabled);
        router.subscribe("sub-b", "acme", "reportCreated");
        router.publish("evt-1", "acme", "reportCreated", "{}");
        assertThat(routedKeys()).containsExactly("sub-b");

        router.subscribe(subscription("sub-a", "acme", List.of("reportCreated"), List.of(), true, PayloadFormat.STANDARD));
        router.publish("evt-2", "acme", "reportCreated", "{}");
        assertThat(routedKeys()).containsExactlyInAnyOrder("sub-a", "sub-b");
    }

    @Test
    void shouldStopRoutingToASubscriptionWhenItsTombstoneArrives() throws Exception {
        router.subscribe("sub-a", "acme", "reportCreated", "*");
        router.subscribe("sub-b", "acme", "reportCreated");
        router.subscriptions.pipeInput("sub-a", (Subscription) null);
        router.publish("evt-1", "acme", "reportCreated", "{}");
        assertThat(routedKeys()).containsExactly("sub-b");
    }

    @Test
    void shouldFollowTheNewEventTypesWhenASubscriptionIsUpdated() throws Exception {
        router.subscribe("sub-a", "acme", "reportCreated");
        router.subscribe("sub-a", "acme", "operationCreated");
        router.publish("evt-1", "acme", "reportCreated", "{}");
        router.publish("evt-2", "acme", "operationCreated", "{}");
        assertThat(router.jobs.readValuesToList()).extracting(DeliveryJob::eventId).containsExactly("evt-2");
    }
}
