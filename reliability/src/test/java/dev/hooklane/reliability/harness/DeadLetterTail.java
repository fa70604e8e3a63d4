package dev.hooklane.reliability.harness;

import dev.hooklane.contracts.delivery.DeadLetter;
import dev.hooklane.contracts.delivery.DeadLetters;
import dev.hooklane.reliability.ledger.DeliveryLedger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the dead-letter topic from the start and tells the ledger each job found there and why. */
public final class DeadLetterTail implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public DeadLetterTail(String bootstrap, String topic, DeliveryLedger ledger) {
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-tail-" + java.util.UUID.randomUUID()));
        thread = Thread.ofPlatform().daemon().name("dlq-tail").start(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (DeadLetters.read(record.value(), record.headers()) instanceof DeadLetters.Readable readable) {
                            DeadLetter letter = readable.letter();
                            ledger.deadLettered(letter.job().jobId(), letter.reason());
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
