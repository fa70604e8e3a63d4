package dev.hooklane.reliability.harness;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** End offsets of every topic under a prefix: equal before and after means nothing was written. */
public final class TopicOffsets {

    private TopicOffsets() {
    }

    /** {@code topic-partition -> end offset} for every topic whose name starts with {@code prefix}. */
    public static Map<String, Long> endOffsets(String bootstrap, String prefix) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).collect(Collectors.toSet());
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> request = described.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<String, Long> offsets = new TreeMap<>();
            admin.listOffsets(request).all().get().forEach((tp, info) -> offsets.put(tp.toString(), info.offset()));
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read end offsets: " + e.getCause(), e.getCause());
        }
    }
}
