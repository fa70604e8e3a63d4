package dev.hooklane.service.kafka;

import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.config.KafkaSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A key-value table kept on a compacted topic: writes go to Kafka ({@code acks=all}) and return
 * only once this instance's {@link CompactedTopicView} holds them (read-your-writes); reads come
 * from the view. A restart rebuilds the view from the topic, and every instance sees every write.
 *
 * @param <V> the value type
 */
public final class TopicTable<V> implements AutoCloseable {

    private final Topic<String, V> topic;
    private final KafkaProducer<String, V> producer;
    private final CompactedTopicView<V> view;
    private final Duration writeTimeout;

    public TopicTable(KafkaSettings settings, Topic<String, V> topic, String clientId, Duration writeTimeout,
                      CompactedTopicView.ChangeListener<V> listener) {
        this.topic = topic;
        this.writeTimeout = writeTimeout;
        this.producer = new KafkaProducer<>(KafkaClients.producer(settings, clientId + "-writer",
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) writeTimeout.toMillis(),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(writeTimeout.toMillis(), 1_000),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(writeTimeout.toMillis(), 30_000))),
                new StringSerializer(), topic.valueSerde().serializer());
        this.view = new CompactedTopicView<>(settings, topic, clientId, listener).start();
    }

    public TopicTable(KafkaSettings settings, Topic<String, V> topic, String clientId, Duration writeTimeout) {
        this(settings, topic, clientId, writeTimeout, (key, previous, current) -> { });
    }

    public Optional<V> get(String key) {
        return view.get(key);
    }

    public Collection<V> values() {
        return view.values();
    }

    public CompactedTopicView<V> view() {
        return view;
    }

    /** Writes {@code value} and waits until this instance's view holds it. */
    public void put(String key, V value) {
        write(new ProducerRecord<>(topic.name(), key, value));
    }

    /** Deletes {@code key} (a tombstone) and waits until this instance's view no longer holds it. */
    public void delete(String key) {
        write(new ProducerRecord<>(topic.name(), key, null));
    }

    private void write(ProducerRecord<String, V> record) {
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        try {
            RecordMetadata written = producer.send(record).get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            long left = Math.max(0, deadline - System.nanoTime());
            if (!view.awaitOffset(written.partition(), written.offset(), Duration.ofNanos(left))) {
                throw new TableWriteException("the write to " + topic + " is stored but not yet visible here", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TableWriteException("interrupted while writing to " + topic, false);
        } catch (ExecutionException | TimeoutException e) {
            throw new TableWriteException("Kafka did not take the write to " + topic + " in time", false);
        } catch (RuntimeException e) {
            throw new TableWriteException("Kafka refused the write to " + topic + ": " + e.getMessage(), false);
        }
    }

    /** A write that failed or could not be confirmed; HTTP services answer it with 503 and Retry-After. */
    public static final class TableWriteException extends RuntimeException {
        private final boolean stored;

        public TableWriteException(String message, boolean stored) {
            super(message);
            this.stored = stored;
        }

        /** True when Kafka acknowledged the write and only its visibility here is late. */
        public boolean stored() {
            return stored;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        view.close();
    }
}
