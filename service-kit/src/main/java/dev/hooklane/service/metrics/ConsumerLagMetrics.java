package dev.hooklane.service.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lag of a consumer group on each topic it reads (records behind the end of the log, summed
 * over partitions), computed by the service itself with the Admin client so no lag exporter is
 * needed. Refreshed in the background; a scrape only reads the last value.
 */
public final class ConsumerLagMetrics implements MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMetrics.class);

    private final Admin admin;
    private final String group;
    private final Set<String> topics;
    private final Duration every;
    private final Map<String, Long> lagByTopic = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("consumer-lag").factory());

    /**
     * @param topics the topics whose lag is reported, each with its own series
     */
    public ConsumerLagMetrics(Admin admin, String group, List<String> topics, Duration every) {
        this.admin = admin;
        this.group = group;
        this.topics = Set.copyOf(topics);
        this.every = every;
        this.topics.forEach(topic -> lagByTopic.put(topic, 0L));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String topic : topics) {
            Gauge.builder("webhook.consumer.lag", lagByTopic, lags -> lags.getOrDefault(topic, 0L))
                    .description("Records the consumer group has not yet consumed, summed over the topic's partitions")
                    .tag("group", group).tag("topic", topic).baseUnit("records").register(registry);
        }
        refresher.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void refresh() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .toList();
            Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
            // A partition the group never committed on is behind by everything still in the log.
            Map<TopicPartition, Long> starts = offsets(partitions.stream().filter(tp -> committed.get(tp) == null).toList(), OffsetSpec.earliest());
            Map<String, Long> sums = partitions.stream().collect(Collectors.groupingBy(TopicPartition::topic, Collectors.summingLong(tp -> {
                OffsetAndMetadata offset = committed.get(tp);
                long position = offset != null ? offset.offset() : starts.getOrDefault(tp, 0L);
                return Math.max(0, ends.getOrDefault(tp, 0L) - position);
            })));
            topics.forEach(topic -> lagByTopic.put(topic, sums.getOrDefault(topic, 0L)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not compute the lag of group {}: {}", group, e.toString());
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
