package dev.hooklane.router;

import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.event.EventCodec;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import dev.hooklane.contracts.topic.TopicCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.hooklane.contracts.url.WebhookUrl;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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

/** The router topology under {@link TopologyTestDriver}, with its topics and meters, for the topology tests. */
final class RouterDriver implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Duration DEDUP_WINDOW = Duration.ofHours(24);

    final TopicCatalog catalog = TopicCatalog.defaults(1);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> events;
    final TestInputTopic<String, Subscription> subscriptions;
    final TestOutputTopic<String, DeliveryJob> jobs;
    final TestOutputTopic<String, byte[]> deadLetters;

    RouterDriver() {
        this(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    RouterDriver(Clock clock) {
        RouterMetrics metrics = new RouterMetrics();
        metrics.bindTo(registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "router-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(RouterTopology.build(catalog, metrics, clock, DEDUP_WINDOW), props, NOW);
        events = driver.createInputTopic(catalog.events().name(), new StringSerializer(), new ByteArraySerializer(), NOW, Duration.ZERO);
        subscriptions = driver.createInputTopic(catalog.subscriptions().name(), new StringSerializer(), JsonSerde.of(Subscription.class).serializer());
        jobs = driver.createOutputTopic(catalog.deliveries().name(), new StringDeserializer(), new JobCodec().deserializer());
        deadLetters = driver.createOutputTopic(catalog.eventsDeadLetter().name(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    static Subscription subscription(String id, String tenant, List<String> types, List<FilterCondition> filter, boolean enabled,
                                     PayloadFormat format) {
        return subscription(id, tenant, types, SubscriptionFilter.of(filter), enabled, format);
    }

    static Subscription subscription(String id, String tenant, List<String> types, SubscriptionFilter filter, boolean enabled,
                                     PayloadFormat format) {
        return new Subscription(id, tenant, "https://example.com/" + id, types, filter, Optional.empty(), Optional.empty(), Map.of(),
                enabled, enabled ? Optional.empty() : Optional.of("endpoint answered 410"), format,
                List.of(new SigningSecret(WebhookSecret.generate().encoded(), NOW, Optional.empty())), Optional.empty(), Optional.empty(),
                Map.of(), NOW, NOW);
    }

    void subscribe(String id, String tenant, String... types) {
        subscriptions.pipeInput(id, subscription(id, tenant, List.of(types), List.of(), true, PayloadFormat.STANDARD));
    }

    void subscribe(Subscription subscription) {
        subscriptions.pipeInput(subscription.id(), subscription);
    }

    static EventEnvelope event(String id, String tenant, String type, String data, Optional<WebhookUrl> callback) throws Exception {
        return new EventEnvelope(id, URI.create("/test"), type, NOW, Optional.empty(), tenant, Json.mapper().readTree(data), callback);
    }

    void publish(String id, String tenant, String type, String data) throws Exception {
        publish(event(id, tenant, type, data, Optional.empty()), NOW);
    }

    void publish(EventEnvelope event, Instant recordTime) {
        events.pipeInput(event.partitionKey(), EventCodec.toStructuredJson(event), recordTime);
    }

    double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Override
    public void close() {
        driver.close();
    }
}
