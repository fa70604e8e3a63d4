package dev.hooklane.delivery;

import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.delivery.attempt.DeliveryMetrics;
import dev.hooklane.delivery.attempt.DeliveryProcessor;
import dev.hooklane.delivery.attempt.Handoff;
import dev.hooklane.delivery.consumer.JobConsumer;
import dev.hooklane.delivery.http.WebhookHttpClient;
import dev.hooklane.service.ServiceRunner;
import dev.hooklane.service.http.HttpServer;
import dev.hooklane.service.kafka.CompactedTopicView;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.service.metrics.ServiceMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A delivery worker: consumes delivery jobs and attempts them. Run as many as needed in one group. */
public final class DeliveryWorker implements ServiceRunner.Service {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ServiceMetrics metrics;
    private final CompactedTopicView<Subscription> subscriptions;
    private final KafkaProducer<String, byte[]> producer;
    private final Handoff handoff;
    private final WebhookHttpClient http;
    private final JobConsumer consumer;
    private final HttpServer server;

    private DeliveryWorker(DeliveryWorkerConfig config) {
        TopicCatalog catalog = config.kafka().catalog();
        KafkaClients.ensureTopics(config.kafka(), "delivery-worker");
        this.metrics = new ServiceMetrics();
        this.subscriptions = new CompactedTopicView<>(config.kafka(), catalog.subscriptions(), "delivery-worker-subscriptions").start();
        this.producer = new KafkaProducer<>(KafkaClients.producer(config.kafka(), "delivery-worker", Map.of(ProducerConfig.LINGER_MS_CONFIG, 1)),
                new StringSerializer(), new ByteArraySerializer());
        this.handoff = new Handoff(producer, running::get);
        this.http = new WebhookHttpClient(config.connectTimeout(), config.maxConnectionsPerHost(), DeliveryProcessor.USER_AGENT);
        DeliveryMetrics deliveryMetrics = new DeliveryMetrics();
        metrics.bind(deliveryMetrics);
        DeliveryProcessor processor = new DeliveryProcessor(catalog, subscriptions::get, http, handoff, deliveryMetrics,
                config.responseTimeout(), Clock.systemUTC());
        this.consumer = new JobConsumer("delivery-consumer",
                KafkaClients.consumer(config.kafka(), "delivery-worker-jobs", config.groupId(), Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000)),
                List.of(catalog.deliveries().name()), processor, config.maxInFlightPerPartition(), config.shutdownGrace());
        metrics.bind(new KafkaClientMetrics(consumer.kafkaConsumer()));
        metrics.bind(new KafkaClientMetrics(producer));
        this.server = HttpServer.start("delivery-worker", config.http(), metrics.registry(), this::notReadyReason, routes -> { });
    }

    public static DeliveryWorker start(DeliveryWorkerConfig config) {
        DeliveryWorker worker = new DeliveryWorker(config);
        try {
            if (!worker.subscriptions.awaitCaughtUp(Duration.ofSeconds(60))) {
                throw new IllegalStateException("subscriptions did not load within 60s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading subscriptions", e);
        }
        worker.consumer.start();
        return worker;
    }

    private Optional<String> notReadyReason() {
        return subscriptions.isCaughtUp() ? Optional.empty() : Optional.of("loading subscriptions from Kafka");
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        consumer.close();
        running.set(false);
        handoff.close();
        producer.close(Duration.ofSeconds(10));
        http.close();
        subscriptions.close();
        server.close();
        metrics.close();
    }
}
