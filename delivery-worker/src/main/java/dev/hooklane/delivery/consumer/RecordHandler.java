package dev.hooklane.delivery.consumer;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Works on one record; the future completes when the record is resolved and its offset may be committed. */
public interface RecordHandler {

    CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record);

    /**
     * Resolves a record whose {@link #handle} failed unexpectedly (threw, or its future failed), so
     * that no record is left neither delivered nor dead-lettered: an attempt record and a retry, or
     * a dead letter with the reason. Completes when that is written.
     */
    CompletableFuture<Void> failed(ConsumerRecord<String, byte[]> record, Throwable error);

    /** Records of {@code partition} handed to {@link #handle} that wait and must not count against the partition's window. */
    default int waiting(TopicPartition partition) {
        return 0;
    }

    /** When the record may be handled; {@link Instant#MIN} (the default) means at once. Called on the poll thread. */
    default Instant dueAt(ConsumerRecord<String, byte[]> record) {
        return Instant.MIN;
    }
}
