package dev.hooklane.router;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.router.dedup.DuplicateFilter;
import dev.hooklane.router.index.SubscriptionIndex;
import dev.hooklane.router.index.SubscriptionIndexer;
import dev.hooklane.router.routing.EventRouter;
import dev.hooklane.router.routing.RouteMatcher;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;

/** The router's topology, built by a pure function so that tests drive it without a broker. */
public final class RouterTopology {

    private static final String EVENTS_SOURCE = "events";
    private static final String ROUTER = "router";

    private RouterTopology() {
    }

    /** The topology with the default duplicate window. */
    public static Topology build(TopicCatalog catalog, RouterMetrics metrics, Clock clock) {
        return build(catalog, metrics, clock, RouterConfig.DEFAULT_DEDUP_WINDOW);
    }

    /**
     * events → router (drops duplicates, looks up the global subscription index) → deliveries, or →
     * events.dlq for unreadable events.
     *
     * @param dedupWindow how much record time an event id is remembered for
     */
    public static Topology build(TopicCatalog catalog, RouterMetrics metrics, Clock clock, Duration dedupWindow) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addGlobalStore(
                SubscriptionIndex.storeBuilder(),
                catalog.subscriptions().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()),
                () -> new SubscriptionIndexer(metrics));
        Topology topology = builder.build();
        topology.addSource(EVENTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), catalog.events().name());
        RouteMatcher matcher = new RouteMatcher(metrics);
        topology.addProcessor(ROUTER, () -> new EventRouter(metrics, clock, dedupWindow, matcher), EVENTS_SOURCE);
        topology.addStateStore(DuplicateFilter.storeBuilder(dedupWindow), ROUTER);
        Serializer<DeliveryJob> jobs = catalog.deliveries().valueSerde().serializer();
        topology.addSink(EventRouter.JOBS, catalog.deliveries().name(), new StringSerializer(), jobs, ROUTER);
        topology.addSink(EventRouter.DEAD_LETTERS, catalog.eventsDeadLetter().name(), new StringSerializer(), new ByteArraySerializer(), ROUTER);
        return topology;
    }
}
