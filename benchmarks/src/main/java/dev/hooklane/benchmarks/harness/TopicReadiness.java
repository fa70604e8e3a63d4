package dev.hooklane.benchmarks.harness;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until every partition of freshly created topics is served by its leader. Producing to a
 * partition the broker has announced but not yet opened gets {@code NOT_LEADER_OR_FOLLOWER}, and
 * an idempotent producer can then stall on out-of-order sequence errors until its delivery timeout.
 */
public final class TopicReadiness {

    private TopicReadiness() {
    }

    public static void await(Admin admin, Collection<String> topics, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                    topic.partitions().forEach(p -> partitions.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
                }
                admin.listOffsets(partitions).all().get();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + topics + " were not ready within " + patience + ": " + e.getCause(), e);
                }
                Pause.of(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
