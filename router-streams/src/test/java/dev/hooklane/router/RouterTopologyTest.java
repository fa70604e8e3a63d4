package dev.hooklane.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.event.EventCodec;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.router.routing.EventRouter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final TopicCatalog catalog = TopicCatalog.defaults(1);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestInputTopic<String, Subscription> subscriptions;
    private TestOutputTopic<String, DeliveryJob> jobs;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start() {
        RouterMetrics metrics = new RouterMetrics();
        metrics.bindTo(registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "router-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(RouterTopology.build(catalog, metrics, Clock.fixed(NOW, ZoneOffset.UTC)), props);
        events = driver.createInputTopic(catalog.events().name(), new StringSerializer(), new ByteArraySerializer());
        subscriptions = driver.createInputTopic(catalog.subscriptions().name(), new StringSerializer(), JsonSerde.of(Subscription.class).serializer());
        jobs = driver.createOutputTopic(catalog.deliveries().name(), new StringDeserializer(), JsonSerde.of(DeliveryJob.class).deserializer());
        deadLetters = driver.createOutputTopic(catalog.eventsDeadLetter().name(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void subscribe(String id, String tenant, String... types) {
        subscriptions.pipeInput(id, Subscription.create(id, tenant, "https://example.com/" + id, List.of(types),
                WebhookSecret.generate().encoded(), NOW));
    }

    private void publish(String id, String tenant, String type, String data) throws Exception {
        EventEnvelope event = new EventEnvelope(id, URI.create("/test"), type, NOW, Optional.empty(), tenant,
                Json.mapper().readTree(data), Optional.empty());
        events.pipeInput(event.partitionKey(), EventCodec.toStructuredJson(event));
    }

    @Test
    void shouldEmitOneJobPerMatchingSubscriptionOfTheTenant() throws Exception {
        subscribe("sub-a", "acme", "reportCreated");
        subscribe("sub-b", "acme", "reportCreated", "operationCreated");
        subscribe("sub-c", "acme", "operationCreated");
        subscribe("sub-other-tenant", "globex", "reportCreated");

        publish("evt-1", "acme", "reportCreated", "{\"id\":\"r1\"}");

        List<TestRecord<String, DeliveryJob>> out = jobs.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactlyInAnyOrder("sub-a", "sub-b");
        DeliveryJob job = out.get(0).value();
        assertThat(job.eventId()).isEqualTo("evt-1");
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.body()).isEqualTo("{\"type\":\"reportCreated\",\"timestamp\":\"2026-11-23T10:00:00Z\",\"data\":{\"id\":\"r1\"}}");
        assertThat(registry.get("webhook.router.jobs").counter().count()).isEqualTo(2.0);
    }

    @Test
    void shouldStopRoutingToADeletedSubscription() throws Exception {
        subscribe("sub-a", "acme", "reportCreated");
        subscriptions.pipeInput("sub-a", (Subscription) null);
        publish("evt-1", "acme", "reportCreated", "{}");
        assertThat(jobs.isEmpty()).isTrue();
    }

    @Test
    void shouldFollowAnUpdatedSubscriptionsEventTypes() throws Exception {
        subscribe("sub-a", "acme", "reportCreated");
        subscribe("sub-a", "acme", "operationCreated");
        publish("evt-1", "acme", "reportCreated", "{}");
        publish("evt-2", "acme", "operationCreated", "{}");
        assertThat(jobs.readValuesToList()).extracting(DeliveryJob::eventId).containsExactly("evt-2");
    }

    @Test
    void shouldRenderEachPayloadFormat() throws Exception {
        Subscription base = Subscription.create("sub-d", "acme", "https://example.com/d", List.of("processComplete"),
                WebhookSecret.generate().encoded(), NOW);
        subscriptions.pipeInput("sub-d", new Subscription(base.id(), base.tenant(), base.url(), base.eventTypes(), base.filter(), base.name(),
                base.description(), base.headers(), true, Optional.empty(), PayloadFormat.DATA, base.secrets(), Optional.empty(),
                Optional.empty(), base.metadata(), NOW, NOW));
        publish("evt-9", "acme", "processComplete", "{\"ProcessId\":\"1e14\",\"Status\":2}");
        DeliveryJob job = jobs.readValue();
        assertThat(job.body()).isEqualTo("{\"ProcessId\":\"1e14\",\"Status\":2}");
        assertThat(job.contentType()).isEqualTo("application/json");
    }

    @Test
    void shouldDeadLetterUnreadableEventsWithTheReasonAndKeepGoing() throws Exception {
        subscribe("sub-a", "acme", "reportCreated");
        events.pipeInput("k", "not json at all".getBytes(StandardCharsets.UTF_8));
        publish("evt-1", "acme", "reportCreated", "{}");

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
        assertThat(new String(dead.headers().lastHeader(EventRouter.REASON_HEADER).value(), StandardCharsets.UTF_8)).contains("CloudEvent");
        assertThat(jobs.readValuesToList()).hasSize(1);
        assertThat(registry.get("webhook.router.poison").tag("topic", "events").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldSkipUnreadableSubscriptionRecords() throws Exception {
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(catalog.subscriptions().name(), new StringSerializer(), new ByteArraySerializer());
        raw.pipeInput("sub-x", "{broken".getBytes(StandardCharsets.UTF_8));
        subscribe("sub-a", "acme", "reportCreated");
        publish("evt-1", "acme", "reportCreated", "{}");
        assertThat(jobs.readValuesToList()).hasSize(1);
        assertThat(registry.get("webhook.router.poison").tag("topic", "subscriptions").counter().count()).isEqualTo(1.0);
    }
}
