package dev.hooklane.subscriptions.table;

import dev.hooklane.contracts.delivery.DeliveryJobs;
import dev.hooklane.contracts.topic.TableVersion;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.CompactedTopicView;
import dev.hooklane.service.kafka.CompactedTopicView.Versioned;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.service.kafka.TopicTable.TableWriteException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compare-and-set writes to a table topic, across every instance of the API (ADR 55). A write
 * opens a transactional producer under one transactional id per table: its initialisation fences
 * the producer of any other instance that is between its comparison and its commit, and completes
 * any transaction still open. Then the writer reads the key's partition up to its last committed
 * record, compares, and writes in a transaction that commits only if nobody fenced it meanwhile;
 * a fenced write starts again from the reading. Every reader of the tables reads committed records
 * only, so a fenced write is never seen.
 */
final class TableWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TableWriter.class);

    /** How often a write that keeps being fenced by other instances' writes starts again before it gives up. */
    private static final int ATTEMPTS = 5;

    private final KafkaSettings settings;
    private final String transactionalId;
    private final Duration timeout;
    private final Admin admin;
    private final Object lock = new Object();
    private final Function<Properties, KafkaProducer<String, byte[]>> producers;

    TableWriter(KafkaSettings settings, String topic, String clientId, Duration timeout) {
        this(settings, topic, clientId, timeout, config -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()));
    }

    /** @param producers makes the transactional producer of one write from its configuration */
    TableWriter(KafkaSettings settings, String topic, String clientId, Duration timeout,
                Function<Properties, KafkaProducer<String, byte[]>> producers) {
        this.producers = producers;
        this.settings = settings;
        this.transactionalId = "hooklane-table-writer-" + topic;
        this.timeout = timeout;
        this.admin = Admin.create(KafkaClients.admin(settings, clientId + "-writer-admin"));
    }

    /**
     * Reads {@code key} as it is after every committed write, asks {@code decide} what to write
     * over it, writes that as the next version and waits until {@code view} holds it.
     *
     * @return the key's value and version afterwards (empty when deleted)
     */
    <V> Optional<Versioned<V>> write(CompactedTopicView<V> view, org.apache.kafka.common.serialization.Serializer<V> serializer,
                                     String key, Decision<V> decide) {
        synchronized (lock) {
            // A write whose commit ended in an error that does not say whether it committed.
            Unsure unsure = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Unsure committing = null;
                try (KafkaProducer<String, byte[]> producer = fencingProducer()) {
                    producer.initTransactions();
                    TopicPartition partition = partitionOf(producer, view.topicName(), key);
                    awaitCommitted(view, partition);
                    Optional<Versioned<V>> current = view.versioned(key);
                    if (unsure != null && unsure.landed(current, value -> serializer.serialize(view.topicName(), value))) {
                        return current;
                    }
                    Write<V> write = decide.over(current);
                    if (write instanceof Write.Keep<V>) {
                        return current;
                    }
                    long version = current.map(Versioned::version).orElse(0L) + 1;
                    Optional<V> value = write instanceof Write.Put<V> put ? Optional.of(put.value()) : Optional.empty();
                    RecordHeaders headers = new RecordHeaders();
                    headers.add(TableVersion.HEADER, TableVersion.encode(version));
                    byte[] bytes = value.map(v -> serializer.serialize(view.topicName(), v)).orElse(null);
                    producer.beginTransaction();
                    var sent = producer.send(new ProducerRecord<>(view.topicName(), partition.partition(), key, bytes, headers));
                    committing = new Unsure(version, bytes);
                    producer.commitTransaction();
                    RecordMetadata written = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    if (!view.awaitOffset(written.partition(), written.offset(), timeout)) {
                        throw new TableWriteException("the write to " + view.topicName() + " is stored but not yet visible here", true);
                    }
                    return value.map(v -> new Versioned<>(v, version));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TableWriteException("interrupted while writing to " + view.topicName(), false);
                } catch (ExecutionException e) {
                    if (fenced(e)) {
                        continue;
                    }
                    throw new TableWriteException("Kafka did not take the write to " + view.topicName() + " in time", false);
                } catch (TimeoutException e) {
                    throw new TableWriteException("Kafka did not take the write to " + view.topicName() + " in time", false);
                } catch (KafkaException e) {
                    if (fenced(e)) {
                        // Another instance began a write of this table after this one compared: compare again.
                        continue;
                    }
                    if (committing != null) {
                        // The broker may answer a commit that raced another instance's fencing with an unexpected
                        // error. The next attempt's initialisation settles that transaction; if it landed, it is done.
                        log.warn("Commit of a write to {} ended without an answer ({}); reading again", view.topicName(), e.getMessage());
                        unsure = committing;
                        continue;
                    }
                    throw new TableWriteException("Kafka refused the write to " + view.topicName() + ": " + e.getMessage(), false);
                }
            }
            throw new TableWriteException("other writes of " + view.topicName() + " kept interleaving with this one", false);
        }
    }

    private static boolean fenced(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private KafkaProducer<String, byte[]> fencingProducer() {
        int millis = (int) timeout.toMillis();
        return producers.apply(KafkaClients.producer(settings, transactionalId, Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(millis, 1_000),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(Math.max(millis, 1_000), 30_000),
                // An instance that dies mid-write holds back its partition's readers until the next write or this.
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Math.max(millis, 1_000))));
    }

    private static TopicPartition partitionOf(KafkaProducer<String, byte[]> producer, String topic, String key) {
        return new TopicPartition(topic, DeliveryJobs.partitionOf(key, producer.partitionsFor(topic).size()));
    }

    /** Waits until {@code view} holds every committed record of {@code partition}. */
    private void awaitCommitted(CompactedTopicView<?> view, TopicPartition partition)
            throws InterruptedException, ExecutionException, TimeoutException {
        long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .partitionResult(partition).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        if (!view.awaitEnds(Map.of(partition.partition(), end), timeout)) {
            throw new TableWriteException("this instance's view of " + view.topicName() + " is behind", false);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /** The version and bytes of a write whose commit may or may not have landed. */
    private record Unsure(long version, byte[] bytes) {

        /** Whether {@code current} is what this write wrote (an identical write by another instance counts too). */
        <V> boolean landed(Optional<Versioned<V>> current, Function<V, byte[]> serialize) {
            if (bytes == null) {
                return current.isEmpty();
            }
            return current.isPresent() && current.get().version() == version && Arrays.equals(serialize.apply(current.get().value()), bytes);
        }
    }

    /** What to write over a key's current value. */
    @FunctionalInterface
    interface Decision<V> {
        /** @throws RuntimeException to refuse the change (a problem answer); nothing is written */
        Write<V> over(Optional<Versioned<V>> current);
    }
}
