package dev.hooklane.router.index;

import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.router.RouterMetrics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global {@link SubscriptionIndex} in step with the compacted subscriptions topic. A
 * record that cannot be read is skipped, logged and counted: the index never stops on bad data.
 */
public final class SubscriptionIndexer implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionIndexer.class);
    private static final JsonSerde<Subscription> SERDE = JsonSerde.of(Subscription.class);

    private final RouterMetrics metrics;
    private SubscriptionIndex index;
    private ProcessorContext<Void, Void> context;

    public SubscriptionIndexer(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        index = context.getStateStore(SubscriptionIndex.STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            skip("no key");
            return;
        }
        try {
            index.apply(record.key(), SERDE.fromBytes(record.value()));
        } catch (SerializationException | IllegalArgumentException | NullPointerException e) {
            skip(e.getMessage());
        }
    }

    private void skip(String reason) {
        metrics.poisonSubscription();
        context.recordMetadata().ifPresentOrElse(
                meta -> log.warn("Skipping unreadable subscription record at {}-{} offset {}: {}", meta.topic(), meta.partition(), meta.offset(), reason),
                () -> log.warn("Skipping unreadable subscription record: {}", reason));
    }
}
