package dev.hooklane.delivery.retry;

import dev.hooklane.contracts.topic.RetryTier;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.delivery.consumer.JobConsumer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Per retry tier (tag {@code tier}: the tier's label, one per configured delay): backlog and lateness. */
public final class RetryMetrics implements MeterBinder {

    private final TopicCatalog catalog;
    private final Supplier<Map<String, JobConsumer.TopicStats>> stats;

    public RetryMetrics(TopicCatalog catalog, Supplier<Map<String, JobConsumer.TopicStats>> stats) {
        this.catalog = catalog;
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (RetryTier tier : catalog.retryTiers()) {
            String topic = catalog.retry(tier).name();
            Gauge.builder("webhook.retry.backlog", () -> of(topic).map(JobConsumer.TopicStats::backlog).orElse(0L))
                    .description("Jobs waiting in a retry tier on the partitions this worker owns (unread plus held)")
                    .tag("tier", tier.label()).register(registry);
            Gauge.builder("webhook.retry.oldest_due_age", () -> of(topic).map(s -> s.lateness().toMillis() / 1000.0).orElse(0.0))
                    .description("How long after its due time the latest-firing due job of a tier started, in seconds (0 when on time)")
                    .baseUnit("seconds").tag("tier", tier.label()).register(registry);
        }
    }

    private Optional<JobConsumer.TopicStats> of(String topic) {
        return Optional.ofNullable(stats.get().get(topic));
    }

}
