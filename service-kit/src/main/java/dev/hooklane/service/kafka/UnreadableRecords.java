package dev.hooklane.service.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records that readers of topics skipped because they could not read them, counted per reader
 * and topic ({@code webhook.records.unreadable}) and each logged with its topic, partition and
 * offset: a skipped record is never silent. One count per process, which every service's registry
 * shows (see {@link dev.hooklane.service.metrics.ServiceMetrics}).
 */
public final class UnreadableRecords implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(UnreadableRecords.class);
    private static final UnreadableRecords SHARED = new UnreadableRecords();

    private record Key(String reader, String topic) {
    }

    private final Map<Key, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    UnreadableRecords() {
    }

    /** The count of this process. */
    public static UnreadableRecords shared() {
        return SHARED;
    }

    /** Shows the count of {@code reader} on {@code topic}, zero until it skips a record. */
    public synchronized void register(String reader, String topic) {
        Key key = new Key(reader, topic);
        if (counts.containsKey(key)) {
            return;
        }
        AtomicLong count = new AtomicLong();
        counts.put(key, count);
        registries.forEach(registry -> meter(registry, key, count));
    }

    /** Counts and logs one record that {@code reader} skips, and why. */
    public void skipped(String reader, ConsumerRecord<?, ?> record, String why) {
        register(reader, record.topic());
        counts.get(new Key(reader, record.topic())).incrementAndGet();
        log.warn("{} skipped an unreadable record of {} partition {} offset {}: {}", reader, record.topic(), record.partition(),
                record.offset(), why);
    }

    /** The records {@code reader} skipped on {@code topic} so far. */
    public long count(String reader, String topic) {
        AtomicLong count = counts.get(new Key(reader, topic));
        return count == null ? 0 : count.get();
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        counts.forEach((key, count) -> meter(registry, key, count));
    }

    /** Stops showing the counts in {@code registry}, which is closing. */
    public synchronized void unbind(MeterRegistry registry) {
        registries.remove(registry);
    }

    private static void meter(MeterRegistry registry, Key key, AtomicLong count) {
        FunctionCounter.builder("webhook.records.unreadable", count, AtomicLong::get)
                .tags("reader", key.reader(), "topic", key.topic())
                .description("Records a reader of a topic skipped because it could not read them (each logged with its offset)")
                .register(registry);
    }
}
