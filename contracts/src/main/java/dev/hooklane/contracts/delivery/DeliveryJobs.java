package dev.hooklane.contracts.delivery;

import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.render.PayloadRenderer;
import dev.hooklane.contracts.subscription.PayloadFormat;
import dev.hooklane.contracts.url.WebhookUrl;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;

/**
 * How delivery jobs are made, for every service that makes them: the router for each match, the
 * subscription API for test events, replays and recoveries. A job's id derives from the event and
 * its target ({@link JobIds}), so the same event sent to the same target twice is the same message.
 */
public final class DeliveryJobs {

    /** The format of jobs to an event's own callback URL: the data alone (seed 001's flat body). */
    public static final PayloadFormat CALLBACK_FORMAT = PayloadFormat.DATA;

    private DeliveryJobs() {
    }

    /** The first attempt of {@code event} to the subscription {@code subscriptionId}, in its {@code format}, due at once. */
    public static DeliveryJob forSubscription(EventEnvelope event, String subscriptionId, PayloadFormat format, PayloadRenderer renderer,
                                              Instant now) {
        return new DeliveryJob(JobIds.of(event.id(), subscriptionId), event.id(), event.tenant(), Optional.of(subscriptionId), Optional.empty(),
                event.type(), format.contentType(), renderer.body(format), event.time(), now, 1, now);
    }

    /** The first attempt of {@code event} to the callback URL it carries, due at once. */
    public static DeliveryJob forCallback(EventEnvelope event, WebhookUrl url, PayloadRenderer renderer, Instant now) {
        String target = url.toString();
        return new DeliveryJob(JobIds.of(event.id(), target), event.id(), event.tenant(), Optional.empty(), Optional.of(target), event.type(),
                CALLBACK_FORMAT.contentType(), renderer.body(CALLBACK_FORMAT), event.time(), now, 1, now);
    }

    /** {@code job} sent again on request: the same message (id, body, event time), from its first attempt, due at once. */
    public static DeliveryJob resent(DeliveryJob job, Instant now) {
        return new DeliveryJob(job.jobId(), job.eventId(), job.tenant(), job.subscriptionId(), job.callbackUrl(), job.eventType(),
                job.contentType(), job.body(), job.eventTime(), job.createdAt(), 1, now);
    }

    /**
     * The partition that Kafka's default partitioner gives a record keyed {@code key} among
     * {@code partitions}: where the jobs, attempts and dead letters of one subscription are.
     */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
