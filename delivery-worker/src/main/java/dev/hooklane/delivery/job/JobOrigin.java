package dev.hooklane.delivery.job;

import dev.hooklane.contracts.delivery.JobHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The job record a job was read from, as the {@link JobHeaders#ORIGIN} header names it on the
 * records that end the job's stay in that topic.
 */
public record JobOrigin(TopicPartition partition, long offset) {

    public static JobOrigin of(ConsumerRecord<?, ?> record) {
        return new JobOrigin(new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    /** The origin named in {@code headers}, if one is there and readable. */
    public static Optional<JobOrigin> in(Headers headers) {
        Header header = headers.lastHeader(JobHeaders.ORIGIN);
        if (header == null) {
            return Optional.empty();
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        int offsetAt = text.lastIndexOf(':');
        int partitionAt = offsetAt <= 0 ? -1 : text.lastIndexOf(':', offsetAt - 1);
        if (partitionAt <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JobOrigin(new TopicPartition(text.substring(0, partitionAt),
                    Integer.parseInt(text.substring(partitionAt + 1, offsetAt))), Long.parseLong(text.substring(offsetAt + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Names this origin in {@code headers}, replacing any origin they carried. */
    public void writeTo(Headers headers) {
        headers.remove(JobHeaders.ORIGIN);
        headers.add(JobHeaders.ORIGIN, (partition.topic() + ":" + partition.partition() + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }
}
