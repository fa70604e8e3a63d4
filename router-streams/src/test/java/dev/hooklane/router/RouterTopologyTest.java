package dev.hooklane.router;

import static dev.hooklane.router.RouterDriver.NOW;
import static dev.hooklane.router.RouterDriver.event;
import static dev.hooklane.router.RouterDriver.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.JobIds;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.router.routing.EventRouter;
import dev.hooklane.contracts.url.WebhookUrl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the router emits: bodies per format, callback jobs, duplicates dropped, poison records dead-lettered. */
class RouterTopologyTest {

    private static final String CREDAS_URL = "https://my-webhook.credas.com/updates?our-reference=1232323";
    private final RouterDriver router = new RouterDriver();

    @AfterEach
    void stop() {
        router.close();
    }

    @Test
    void shouldRenderTheBodyInTheSubscriptionsFormat() throws Exception {
        router.subscribe(subscription("sub-data", "acme", List.of("processComplete"), List.of(), true, PayloadFormat.DATA));
        router.subscribe(subscription("sub-keyclic", "acme", List.of("processComplete"), List.of(), true, PayloadFormat.EVENT_PAYLOAD));
        router.subscribe(subscription("sub-ce", "acme", List.of("processComplete"), List.of(), true, PayloadFormat.CLOUDEVENTS));
        router.publish("evt-9", "acme", "processComplete", "{\"ProcessId\":\"1e14\",\"Status\":2}");

        var jobs = router.jobs.readKeyValuesToMap();
        assertThat(jobs.get("sub-data").bodyText()).isEqualTo("{\"ProcessId\":\"1e14\",\"Status\":2}");
        assertThat(jobs.get("sub-data").contentType()).isEqualTo("application/json");
        assertThat(jobs.get("sub-keyclic").bodyText()).isEqualTo("{\"event\":\"processComplete\",\"payload\":{\"ProcessId\":\"1e14\",\"Status\":2}}");
        assertThat(jobs.get("sub-ce").contentType()).isEqualTo("application/cloudevents+json");
        assertThat(jobs.get("sub-ce").bodyText()).contains("\"id\":\"evt-9\"").doesNotContain("tenant");
    }

    @Test
    void shouldEmitOneDataJobToTheCallbackUrlWhenTheEventCarriesOne() throws Exception {
        router.publish(event("proc-1e14", "acme", "processComplete",
                "{\"ProcessId\":\"1e14\",\"ClientId\":\"8c55\",\"Status\":2,\"StatusDescription\":\"The process is complete\"}",
                Optional.of(WebhookUrl.parse(CREDAS_URL))), NOW);

        List<TestRecord<String, DeliveryJob>> out = router.jobs.readRecordsToList();
        assertThat(out).hasSize(1);
        DeliveryJob job = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("proc-1e14");
        assertThat(job.subscriptionId()).isEmpty();
        assertThat(job.callbackUrl()).contains(CREDAS_URL);
        assertThat(job.jobId()).isEqualTo(JobIds.of("proc-1e14", CREDAS_URL));
        assertThat(job.contentType()).isEqualTo("application/json");
        assertThat(job.bodyText()).isEqualTo("{\"ProcessId\":\"1e14\",\"ClientId\":\"8c55\",\"Status\":2,\"StatusDescription\":\"The process is complete\"}");
        assertThat(router.counter("webhook.router.jobs", "target", "callback")).isEqualTo(1.0);
        assertThat(router.counter("webhook.router.jobs", "target", "subscription")).isZero();
    }

    @Test
    void shouldAlsoRouteToMatchingSubscriptionsWhenTheEventCarriesACallbackUrl() throws Exception {
        router.subscribe("sub-a", "acme", "processComplete");
        router.publish(event("proc-2", "acme", "processComplete", "{}", Optional.of(WebhookUrl.parse(CREDAS_URL))), NOW);
        assertThat(router.jobs.readValuesToList()).extracting(job -> job.subscriptionId().or(job::callbackUrl).orElseThrow())
                .containsExactlyInAnyOrder("sub-a", CREDAS_URL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/path", "https://example.com:65536/x", "https://example.com:0/x", "https://user@example.com/",
            "https://example.com/#fragment"})
    void shouldDeadLetterTheEventWhenItsCallbackUrlIsNoWebhookUrl(String callbackUrl) {
        router.subscribe("sub-a", "acme", "processComplete");
        router.events.pipeInput("acme", ("{\"specversion\":\"1.0\",\"id\":\"proc-3\",\"source\":\"/s\",\"type\":\"processComplete\","
                + "\"tenant\":\"acme\",\"callbackurl\":\"" + callbackUrl + "\",\"data\":{}}").getBytes(StandardCharsets.UTF_8));
        assertThat(router.jobs.isEmpty()).isTrue();
        TestRecord<String, byte[]> dead = router.deadLetters.readRecord();
        assertThat(new String(dead.headers().lastHeader(EventRouter.REASON_HEADER).value(), StandardCharsets.UTF_8)).contains("callbackurl");
    }

    @Test
    void shouldDropAndCountADuplicateEventIdWhenItArrivesWithinTheWindow() throws Exception {
        router.subscribe("sub-a", "acme", "reportCreated");
        router.subscribe("sub-g", "globex", "reportCreated");
        router.publish(event("evt-1", "acme", "reportCreated", "{}", Optional.empty()), NOW);
        router.publish(event("evt-1", "acme", "reportCreated", "{}", Optional.empty()), NOW.plus(Duration.ofHours(23)));
        router.publish(event("evt-1", "globex", "reportCreated", "{}", Optional.empty()), NOW.plus(Duration.ofHours(23)));

        assertThat(router.jobs.readRecordsToList()).extracting(TestRecord::key).containsExactly("sub-a", "sub-g");
        assertThat(router.counter("webhook.router.duplicates")).isEqualTo(1.0);
        assertThat(router.registry.get("webhook.router.events").counter().count()).isEqualTo(2.0);
    }

    @Test
    void shouldDropADuplicateCallbackEventSoItsUrlGetsOneJob() throws Exception {
        router.publish(event("proc-1", "acme", "processComplete", "{}", Optional.of(WebhookUrl.parse(CREDAS_URL))), NOW);
        router.publish(event("proc-1", "acme", "processComplete", "{}", Optional.of(WebhookUrl.parse(CREDAS_URL))), NOW.plusSeconds(5));
        assertThat(router.jobs.readValuesToList()).hasSize(1);
        assertThat(router.counter("webhook.router.duplicates")).isEqualTo(1.0);
    }

    @Test
    void shouldRouteTheSameEventIdAgainWhenTheWindowHasPassed() throws Exception {
        router.subscribe("sub-a", "acme", "reportCreated");
        router.publish(event("evt-1", "acme", "reportCreated", "{}", Optional.empty()), NOW);
        router.publish(event("evt-1", "acme", "reportCreated", "{}", Optional.empty()),
                NOW.plus(RouterDriver.DEDUP_WINDOW).plus(Duration.ofHours(1)));
        assertThat(router.jobs.readValuesToList()).extracting(DeliveryJob::eventId).containsExactly("evt-1", "evt-1");
        assertThat(router.counter("webhook.router.duplicates")).isZero();
    }

    @Test
    void shouldRouteABinaryModeCloudEventWhenItsAttributesAreCeHeaders() {
        router.subscribe("sub-a", "acme", "NewCustomer");
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes("cust-42"));
        headers.add("ce_source", bytes("/crm"));
        headers.add("ce_type", bytes("NewCustomer"));
        headers.add("ce_tenant", bytes("acme"));
        headers.add("content-type", bytes("application/json"));
        router.events.pipeInput(new TestRecord<>("acme", bytes("{\"name\":\"Ada\"}"), headers, NOW));

        DeliveryJob job = router.jobs.readValue();
        assertThat(job.eventId()).isEqualTo("cust-42");
        assertThat(job.bodyText()).isEqualTo("{\"type\":\"NewCustomer\",\"timestamp\":\"2026-11-23T10:00:00Z\",\"data\":{\"name\":\"Ada\"}}");
    }

    @Test
    void shouldDeadLetterUnreadableEventsWithTheReasonAndKeepGoing() throws Exception {
        router.subscribe("sub-a", "acme", "reportCreated");
        router.events.pipeInput("k", bytes("not json at all"));
        router.events.pipeInput("k", bytes("{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"/s\",\"type\":\"reportCreated\"}"));
        router.events.pipeInput("k", (byte[]) null);
        router.publish("evt-1", "acme", "reportCreated", "{}");

        List<TestRecord<String, byte[]>> dead = router.deadLetters.readRecordsToList();
        assertThat(dead).hasSize(3);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
        assertThat(dead).extracting(record -> new String(record.headers().lastHeader(EventRouter.REASON_HEADER).value(), StandardCharsets.UTF_8))
                .satisfiesExactly(
                        reason -> assertThat(reason).contains("CloudEvent").doesNotContain("\n"),
                        reason -> assertThat(reason).contains("tenant"),
                        reason -> assertThat(reason).contains("no value"));
        assertThat(router.jobs.readValuesToList()).extracting(DeliveryJob::eventId).containsExactly("evt-1");
        assertThat(router.counter("webhook.router.poison", "topic", "events")).isEqualTo(3.0);
    }

    @Test
    void shouldSkipUnreadableSubscriptionRecordsAndKeepIndexing() throws Exception {
        var raw = router.driver.createInputTopic(router.catalog.subscriptions().name(), new StringSerializer(), new ByteArraySerializer());
        raw.pipeInput("sub-x", bytes("{broken"));
        raw.pipeInput(null, bytes("{}"));
        router.subscribe("sub-a", "acme", "reportCreated");
        router.publish("evt-1", "acme", "reportCreated", "{}");
        assertThat(router.jobs.readValuesToList()).hasSize(1);
        assertThat(router.counter("webhook.router.poison", "topic", "subscriptions")).isEqualTo(2.0);
    }

    @Test
    void shouldDeadLetterAnEventWhoseRoutingFailsAndRouteItWhenSentAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Clock failingOnce = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                if (calls.getAndIncrement() == 0) {
                    throw new IllegalStateException("clock unavailable");
                }
                return NOW;
            }
        };
        try (RouterDriver failing = new RouterDriver(failingOnce)) {
            failing.subscribe("sub-a", "acme", "reportCreated");
            failing.publish("evt-1", "acme", "reportCreated", "{}");
            failing.publish("evt-1", "acme", "reportCreated", "{}");

            TestRecord<String, byte[]> dead = failing.deadLetters.readRecord();
            assertThat(new String(dead.headers().lastHeader(EventRouter.REASON_HEADER).value(), StandardCharsets.UTF_8))
                    .startsWith("routing failed").contains("clock unavailable");
            assertThat(failing.jobs.readValuesToList()).extracting(DeliveryJob::eventId).containsExactly("evt-1");
            assertThat(failing.counter("webhook.router.duplicates")).isZero();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
