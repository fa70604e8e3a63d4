package dev.hooklane.delivery.consumer;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Works on one record; the future completes when the record is resolved and its offset may be committed. */
@FunctionalInterface
public interface RecordHandler {

    CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record);

    /** When the record may be handled; {@link Instant#MIN} (the default) means at once. Called on the poll thread. */
    default Instant dueAt(ConsumerRecord<String, byte[]> record) {
        return Instant.MIN;
    }
}
