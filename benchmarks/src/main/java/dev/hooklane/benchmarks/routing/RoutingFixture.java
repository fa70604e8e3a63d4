package dev.hooklane.benchmarks.routing;

import dev.hooklane.contracts.event.EventCodec;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.json.Json;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.subscription.SigningSecret;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import dev.hooklane.router.RouterMetrics;
import dev.hooklane.router.dedup.DuplicateFilter;
import dev.hooklane.router.index.SubscriptionIndex;
import dev.hooklane.router.routing.EventRouter;
import dev.hooklane.router.routing.RouteMatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The router's processor outside a topology, over an index of {@code subscriptions} subscriptions
 * spread over {@value #EVENT_TYPES} event types. The routed event ({@value #TENANT},
 * {@value #EVENT_TYPE}) has {@value #MATCHES} matches among {@value #CANDIDATES} candidates: exact,
 * prefix and wildcard patterns, filters that hold and one that does not, one disabled subscription.
 * With {@link Filters#EXPRESSIONS} every candidate's filter is a CEL expression instead (one that
 * holds for each match, one that fails for the filtered-out candidate).
 */
final class RoutingFixture {

    static final int EVENT_TYPES = 10_000;
    static final String TENANT = "tenant-0";
    static final String EVENT_TYPE = "d0.t0";
    static final int MATCHES = 10;
    static final int CANDIDATES = 12;
    private static final Duration DEDUP_WINDOW = Duration.ofHours(24);
    private static final String ID_TEMPLATE = "bench-0000000000";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    /** The kind of filter the candidates have. */
    enum Filters {
        /** Three of the matches and the filtered-out candidate have attribute conditions; the others none. */
        ATTRIBUTES,
        /** Every candidate has an expression. */
        EXPRESSIONS
    }

    private final MockProcessorContext<String, Object> context;
    private final SubscriptionIndex index;
    private final EventRouter router;
    private final byte[] template;
    private final int idDigits;
    private long routed;

    RoutingFixture(int subscriptions, Filters filters, Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-benchmark");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
        index = SubscriptionIndex.storeBuilder().build();
        index.init(context.getStateStoreContext(), index);
        context.addStateStore(index);
        // The router's own RocksDB window store with the default window: every event has a new id, so none is a duplicate.
        WindowStore<String, byte[]> seen = DuplicateFilter.storeBuilder(DEDUP_WINDOW).withLoggingDisabled().build();
        seen.init(context.getStateStoreContext(), seen);
        context.addStateStore(seen);
        fill(subscriptions, filters);
        RouterMetrics metrics = new RouterMetrics();
        metrics.bindTo(new SimpleMeterRegistry());
        router = new EventRouter(metrics, Clock.systemUTC(), DEDUP_WINDOW, new RouteMatcher(metrics));
        router.init(context);
        template = EventCodec.toStructuredJson(event(ID_TEMPLATE, 7));
        idDigits = indexOf(template, ID_TEMPLATE.getBytes(StandardCharsets.US_ASCII)) + "bench-".length();
    }

    private void fill(int subscriptions, Filters filters) {
        String secret = WebhookSecret.generate().encoded();
        boolean cel = filters == Filters.EXPRESSIONS;
        List<Subscription> candidates = List.of(
                subscription("exact-1", EVENT_TYPE, cel ? expression("data.region == 'eu'") : SubscriptionFilter.NONE, true,
                        PayloadFormat.STANDARD, secret),
                subscription("exact-2", EVENT_TYPE, cel ? expression("data.n >= 0 && data.name.startsWith('benchmark')") : SubscriptionFilter.NONE,
                        true, PayloadFormat.EVENT_PAYLOAD, secret),
                subscription("exact-3", EVENT_TYPE, cel ? expression("data.region in ['eu', 'us']") : conditions("data.region", "eu", "us"), true,
                        PayloadFormat.DATA, secret),
                subscription("exact-4", EVENT_TYPE, cel ? expression("has(data.region) && data.n > 5") : SubscriptionFilter.NONE, true,
                        PayloadFormat.STANDARD, secret),
                subscription("exact-apac", EVENT_TYPE, cel ? expression("data.region == 'apac'") : conditions("data.region", "apac"), true,
                        PayloadFormat.STANDARD, secret),
                subscription("exact-disabled", EVENT_TYPE, cel ? expression("data.region == 'eu'") : SubscriptionFilter.NONE, false,
                        PayloadFormat.STANDARD, secret),
                subscription("prefix-1", "d0.*", cel ? expression("type.startsWith('d0.') && data.region != 'apac'") : SubscriptionFilter.NONE,
                        true, PayloadFormat.STANDARD, secret),
                subscription("prefix-2", "d0.*", cel ? expression("data.region == 'eu' && subject.startsWith('s-')") : conditions("data.region", "eu"),
                        true, PayloadFormat.EVENT_PAYLOAD, secret),
                subscription("prefix-3", "d0.*", cel ? expression("data.name.contains('event')") : SubscriptionFilter.NONE, true,
                        PayloadFormat.DATA, secret),
                subscription("all-1", "*", cel ? expression("tenant == 'tenant-0' && data.n == 7") : SubscriptionFilter.NONE, true,
                        PayloadFormat.STANDARD, secret),
                subscription("all-2", "*", cel ? expression("time > timestamp('2026-01-01T00:00:00Z')") : SubscriptionFilter.NONE, true,
                        PayloadFormat.DATA, secret));
        candidates.forEach(subscription -> index.apply(subscription.id(), subscription));
        // Subscription i listens to type i % 10k and belongs to tenant (i / 10k) % 100: tenant-0 has exactly one on EVENT_TYPE.
        for (int i = 0; i < subscriptions - candidates.size(); i++) {
            int type = i % EVENT_TYPES;
            Subscription subscription = Subscription.create("sub-" + i, "tenant-" + (i / EVENT_TYPES) % 100, "https://example.com/hooks/" + i,
                    List.of("d" + type / 100 + ".t" + type % 100), secret, NOW);
            index.apply(subscription.id(), subscription);
        }
    }

    private static SubscriptionFilter expression(String expression) {
        return new SubscriptionFilter(List.of(), Optional.of(expression));
    }

    private static SubscriptionFilter conditions(String attribute, String... values) {
        return SubscriptionFilter.of(List.of(new FilterCondition(attribute, List.of(values))));
    }

    private static Subscription subscription(String id, String pattern, SubscriptionFilter filter, boolean enabled, PayloadFormat format,
                                             String secret) {
        return new Subscription(id, TENANT, "https://example.com/" + id, List.of(pattern), filter, Optional.of(id), Optional.empty(), Map.of(),
                enabled, Optional.empty(), format, List.of(new SigningSecret(secret, NOW, Optional.empty())), Optional.empty(),
                Optional.empty(), Map.of(), NOW, NOW);
    }

    private static EventEnvelope event(String id, int n) {
        try {
            return new EventEnvelope(id, URI.create("/bench"), EVENT_TYPE, NOW, Optional.of("s-" + n % 64), TENANT,
                    Json.mapper().readTree("{\"region\":\"eu\",\"n\":" + n + ",\"name\":\"benchmark event\"}"), Optional.empty());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the stores (the duplicate filter's RocksDB). */
    void close() {
        context.getStateStore(DuplicateFilter.STORE).close();
    }

    /** Routes the next event, a structured CloudEvent with a new id; returns the jobs emitted. */
    int routeNext() {
        long n = routed++;
        byte[] value = template.clone();
        for (int digit = 9, at = idDigits + 9; digit >= 0; digit--, at--, n /= 10) {
            value[at] = (byte) ('0' + n % 10);
        }
        router.process(new Record<>(TENANT, value, NOW.toEpochMilli() + routed, new RecordHeaders()));
        int jobs = context.forwarded().size();
        context.resetForwards();
        if (jobs != MATCHES) {
            throw new IllegalStateException("expected " + MATCHES + " jobs per event, got " + jobs);
        }
        return jobs;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("the id is not in the encoded event");
    }

    /** Only the index: visits the candidates of the routed event; returns how many. */
    int lookup() {
        int[] found = {0};
        index.forEachMatch(TENANT, EVENT_TYPE, subscription -> found[0]++);
        if (found[0] != CANDIDATES) {
            throw new IllegalStateException("expected " + CANDIDATES + " candidates, got " + found[0]);
        }
        return found[0];
    }
}
