package dev.hooklane.router.routing;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.DeliveryJobs;
import dev.hooklane.contracts.event.EventCodec;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.InvalidEventException;
import dev.hooklane.contracts.matching.MatchInput;
import dev.hooklane.contracts.render.PayloadRenderer;
import dev.hooklane.router.RouterMetrics;
import dev.hooklane.router.dedup.DuplicateFilter;
import dev.hooklane.router.index.SubscriptionIndex;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans one event out: one delivery job per enabled subscription of the event's tenant whose event
 * type pattern and filter match, plus one job to the event's own callback URL when it carries one.
 * An event whose (tenant, id) was routed within the duplicate window is dropped. An event that
 * cannot be read goes to the events dead-letter sink with the reason in headers; the router never
 * stops on bad data.
 */
public final class EventRouter implements Processor<String, byte[], String, Object> {

    /** Name of the sink for jobs. */
    public static final String JOBS = "jobs";
    /** Name of the sink for unreadable events. */
    public static final String DEAD_LETTERS = "dead-letters";
    /** Header of a dead-lettered event: why it was refused. */
    public static final String REASON_HEADER = "hooklane.error.reason";

    private static final Logger log = LoggerFactory.getLogger(EventRouter.class);

    private final RouterMetrics metrics;
    private final Clock clock;
    private final Duration dedupWindow;
    private final RouteMatcher matcher;
    private ProcessorContext<String, Object> context;
    private SubscriptionIndex index;
    private DuplicateFilter duplicates;

    /**
     * @param matcher decides which candidates of the index the event reaches; shared by every task
     */
    public EventRouter(RouterMetrics metrics, Clock clock, Duration dedupWindow, RouteMatcher matcher) {
        this.metrics = metrics;
        this.clock = clock;
        this.dedupWindow = dedupWindow;
        this.matcher = matcher;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.index = context.getStateStore(SubscriptionIndex.STORE);
        this.duplicates = new DuplicateFilter(context.getStateStore(DuplicateFilter.STORE), dedupWindow);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        EventEnvelope event;
        try {
            event = EventCodec.fromKafkaRecord(record.headers(), record.value(), Instant.ofEpochMilli(record.timestamp()));
        } catch (InvalidEventException | IllegalArgumentException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        // Duplicates are dropped before anything is rendered: a producer's retry costs a lookup, not a fan-out.
        if (duplicates.seen(event.tenant(), event.id(), record.timestamp())) {
            metrics.duplicate();
            log.debug("Dropping duplicate event {} of tenant {}", event.id(), event.tenant());
            return;
        }
        List<DeliveryJob> jobs;
        try {
            jobs = jobsFor(event);
        } catch (RuntimeException e) {
            // All jobs of an event are built before any is forwarded, so a failure leaves no partial fan-out behind.
            log.error("Routing event {} of tenant {} failed", event.id(), event.tenant(), e);
            deadLetter(record, "routing failed: " + e);
            return;
        }
        // Remembered only once routed, so an event whose routing failed is routed when it is sent again.
        duplicates.remember(event.tenant(), event.id(), record.timestamp());
        jobs.forEach(job -> emit(record, job));
        metrics.routed(event.callbackUrl().isPresent() ? jobs.size() - 1 : jobs.size(), event.callbackUrl().isPresent());
    }

    private List<DeliveryJob> jobsFor(EventEnvelope event) {
        PayloadRenderer renderer = new PayloadRenderer(event);
        Instant now = clock.instant();
        List<DeliveryJob> jobs = new ArrayList<>();
        MatchInput input = MatchInput.of(event);
        index.forEachMatch(event.tenant(), event.type(), subscription -> {
            if (subscription.enabled() && matcher.reaches(input, subscription)) {
                jobs.add(DeliveryJobs.forSubscription(event, subscription.id(), subscription.format(), renderer, now));
            }
        });
        event.callbackUrl().ifPresent(url -> jobs.add(DeliveryJobs.forCallback(event, url, renderer, now)));
        return jobs;
    }

    private void emit(Record<String, byte[]> source, DeliveryJob job) {
        context.forward(new Record<String, Object>(job.key(), job, source.timestamp(), new RecordHeaders()), JOBS);
    }

    private void deadLetter(Record<String, byte[]> record, String message) {
        // Parser messages can run over several lines (source excerpts); a header value stays one line.
        String reason = message == null ? "unreadable" : message.lines().findFirst().orElse(message).strip();
        metrics.poisonEvent();
        context.recordMetadata().ifPresent(meta ->
                log.warn("Dead-lettering unreadable event at {}-{} offset {}: {}", meta.topic(), meta.partition(), meta.offset(), reason));
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers), DEAD_LETTERS);
    }
}
