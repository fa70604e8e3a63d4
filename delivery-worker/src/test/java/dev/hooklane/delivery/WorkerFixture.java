package dev.hooklane.delivery;

import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.AttemptCodec;
import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.delivery.DeadLetters;
import dev.hooklane.contracts.delivery.DeadLetter;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.JobIds;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.subscription.DisableRequest;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.tenant.Tenant;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.service.config.HttpSettings;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A worker on the shared broker under its own topic prefix, a receiver, and readers of the output topics. */
final class WorkerFixture implements AutoCloseable {

    final KafkaSettings kafka;
    final TopicCatalog catalog;
    final ScriptableReceiver receiver = ScriptableReceiver.start();
    final DeliveryWorker worker;
    private final KafkaProducer<String, byte[]> producer;
    private final TopicReader reader;

    WorkerFixture(String name, List<Duration> schedule, Map<String, String> env) {
        kafka = KafkaSettings.forBootstrap(SharedKafka.cluster().bootstrapServers(), SharedKafka.uniquePrefix(name), schedule);
        catalog = kafka.catalog();
        KafkaClients.ensureTopics(kafka, "test");
        producer = new KafkaProducer<>(KafkaClients.producer(kafka, "test", Map.of()), new StringSerializer(), new ByteArraySerializer());
        Map<String, String> all = new HashMap<>(Map.of("HOOKLANE_WORKER_GROUP_ID", "worker-" + kafka.topicPrefix(),
                "HOOKLANE_SSRF_ALLOW_LIST", "127.0.0.1/32", "HOOKLANE_WORKER_SHUTDOWN_GRACE", "1s"));
        all.putAll(env);
        EnvConfig config = new EnvConfig(all);
        DeliveryWorkerConfig workerConfig = DeliveryWorkerConfig.from(kafka, HttpSettings.ephemeral(), config);
        config.validate();
        reader = new TopicReader(kafka, List.of(catalog.attempts().name(), catalog.dlq().name(), catalog.events().name(),
                catalog.subscriptions().name(), catalog.disableRequests().name()));
        worker = DeliveryWorker.start(workerConfig);
    }

    <V> void put(Topic<String, V> topic, String key, V value) {
        send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    void subscription(Subscription subscription) {
        put(catalog.subscriptions(), subscription.id(), subscription);
    }

    void deleteSubscription(String id) {
        send(new ProducerRecord<>(catalog.subscriptions().name(), id, null));
    }

    void tenant(Tenant tenant) {
        put(catalog.tenants(), tenant.id(), tenant);
    }

    /** A first-attempt job for {@code subscription}, as the router makes it. */
    DeliveryJob job(Subscription subscription, String eventId, String body) {
        Instant now = Instant.now();
        return new DeliveryJob(JobIds.of(eventId, subscription.id()), eventId, subscription.tenant(), Optional.of(subscription.id()),
                Optional.empty(), "reportCreated", "application/json", body.getBytes(StandardCharsets.UTF_8), now, now, 1, now);
    }

    void route(DeliveryJob job) {
        put(catalog.deliveries(), job.key(), job);
    }

    void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError("could not write to " + record.topic(), e);
        }
    }

    List<AttemptRecord> attempts(String jobId) {
        return reader.records(catalog.attempts().name()).stream().map(r -> AttemptCodec.decode(r.value())).filter(a -> a.jobId().equals(jobId))
                .toList();
    }

    List<DeadLetters.Entry> deadLetterEntries() {
        return reader.records(catalog.dlq().name()).stream().map(r -> DeadLetters.read(r.value(), r.headers())).toList();
    }

    List<DeadLetter> deadLetters(String jobId) {
        return deadLetterEntries().stream().filter(DeadLetters.Readable.class::isInstance).map(e -> ((DeadLetters.Readable) e).letter())
                .filter(d -> d.job().jobId().equals(jobId)).toList();
    }

    List<String> events() {
        return reader.records(catalog.events().name()).stream().map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    Optional<Subscription> latestSubscription(String id) {
        List<ConsumerRecord<String, byte[]>> records = reader.records(catalog.subscriptions().name()).stream().filter(r -> id.equals(r.key())).toList();
        return records.isEmpty() || records.get(records.size() - 1).value() == null ? Optional.empty()
                : Optional.of(JsonSerde.of(Subscription.class).fromBytes(records.get(records.size() - 1).value()));
    }

    /** The worker's requests to disable {@code subscriptionId}, in order. */
    List<DisableRequest> disableRequests(String subscriptionId) {
        return reader.records(catalog.disableRequests().name()).stream().filter(r -> subscriptionId.equals(r.key()))
                .map(r -> catalog.disableRequests().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
    }

    /** How many records of {@code subscriptionId} the subscriptions topic holds. */
    long subscriptionRecords(String subscriptionId) {
        return reader.records(catalog.subscriptions().name()).stream().filter(r -> subscriptionId.equals(r.key())).count();
    }

    /** Waits until {@code jobId} has {@code count} attempt records. */
    List<AttemptRecord> awaitAttempts(String jobId, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> attempts(jobId).size() >= count);
        return attempts(jobId);
    }

    @Override
    public void close() {
        worker.close();
        reader.close();
        producer.close();
        receiver.close();
    }

    /** Reads topics from the beginning on its own thread and keeps every record. */
    static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, List<ConsumerRecord<String, byte[]>>> records = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        TopicReader(KafkaSettings kafka, List<String> topics) {
            consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, "test-reader", "reader-" + kafka.topicPrefix(), Map.of()),
                    new StringDeserializer(), new ByteArrayDeserializer());
            topics.forEach(topic -> records.put(topic, new CopyOnWriteArrayList<>()));
            consumer.subscribe(topics);
            thread = Thread.ofPlatform().daemon().name("test-reader").start(() -> {
                try {
                    while (running) {
                        consumer.poll(Duration.ofMillis(100)).forEach(record -> records.get(record.topic()).add(record));
                    }
                } catch (org.apache.kafka.common.errors.WakeupException e) {
                    // closing
                } finally {
                    consumer.close();
                }
            });
        }

        List<ConsumerRecord<String, byte[]>> records(String topic) {
            return new ArrayList<>(records.get(topic));
        }

        @Override
        public void close() {
            running = false;
            consumer.wakeup();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
