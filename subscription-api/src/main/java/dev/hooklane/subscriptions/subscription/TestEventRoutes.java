package dev.hooklane.subscriptions.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.DeliveryJobs;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.event.EventTypes;
import dev.hooklane.contracts.eventtype.EventType;
import dev.hooklane.contracts.render.PayloadRenderer;
import dev.hooklane.contracts.subscription.EventTypePattern;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.Topic;
import dev.hooklane.service.auth.Authenticator;
import dev.hooklane.service.http.Problem.FieldError;
import dev.hooklane.service.http.ProblemException;
import dev.hooklane.service.http.RequestBodies;
import dev.hooklane.subscriptions.SubscriptionApiMetrics;
import dev.hooklane.subscriptions.eventtype.EventTypeRegistry;
import dev.hooklane.subscriptions.idempotency.Answer;
import dev.hooklane.subscriptions.idempotency.Idempotency;
import dev.hooklane.subscriptions.request.KnownFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/subscriptions/{id}/test}: sends an example event of a chosen type to that one
 * subscription through the real pipeline: a delivery job, rendered in the subscription's format,
 * goes to the deliveries topic, and the workers sign, send, retry and log it like any other.
 */
public final class TestEventRoutes {

    private static final Logger log = LoggerFactory.getLogger(TestEventRoutes.class);
    private static final Set<String> FIELDS = Set.of("eventType", "data");
    /** The source of test events. */
    public static final URI SOURCE = URI.create("/hooklane/test");

    private final Subscriptions subscriptions;
    private final EventTypeRegistry eventTypes;
    private final Producer<String, DeliveryJob> producer;
    private final Topic<String, DeliveryJob> deliveries;
    private final Authenticator auth;
    private final Idempotency idempotency;
    private final SubscriptionApiMetrics metrics;
    private final Duration writeTimeout;
    private final Clock clock;

    public TestEventRoutes(Subscriptions subscriptions, EventTypeRegistry eventTypes, Producer<String, DeliveryJob> producer,
                           Topic<String, DeliveryJob> deliveries, Authenticator auth, Idempotency idempotency, SubscriptionApiMetrics metrics,
                           Duration writeTimeout, Clock clock) {
        this.subscriptions = subscriptions;
        this.eventTypes = eventTypes;
        this.producer = producer;
        this.deliveries = deliveries;
        this.auth = auth;
        this.idempotency = idempotency;
        this.metrics = metrics;
        this.writeTimeout = writeTimeout;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/subscriptions/{id}/test", idempotency.wrap(this::test));
    }

    private Answer test(Context ctx) {
        Subscription subscription = subscriptions.owned(auth.tenantOf(ctx), ctx.pathParam("id"));
        return Answer.accepted(send(subscription, RequestBodies.jsonTree(ctx)));
    }

    /**
     * Sends the test event a request body {@code {"eventType", "data"?}} asks for to {@code subscription}.
     *
     * @return the answer: {@code eventId}, {@code messageId} (the {@code webhook-id}) and {@code eventType}
     * @throws ProblemException for a bad body, a type the subscription does not listen to, or a disabled subscription
     */
    public Map<String, String> send(Subscription subscription, JsonNode body) {
        String tenant = subscription.tenant();
        if (!body.isObject()) {
            throw ProblemException.badRequest("a JSON object is expected: {\"eventType\": ..., \"data\": ...}");
        }
        KnownFields.require(body, FIELDS);
        String type = body.path("eventType").asText(null);
        if (type == null || !EventTypes.isValid(type)) {
            throw ProblemException.validation(List.of(new FieldError("eventType", type == null ? "is required" : EventTypes.rule())));
        }
        if (!EventTypePattern.anyMatches(subscription.eventTypes(), type)) {
            throw ProblemException.validation(List.of(new FieldError("eventType", "the subscription does not listen to " + type)));
        }
        if (!subscription.enabled()) {
            throw ProblemException.conflict("the subscription is disabled; enable it to send a test event");
        }
        JsonNode data = Optional.ofNullable(body.get("data")).orElseGet(() -> example(tenant, type));
        DeliveryJob job = send(subscription, type, data);
        return Map.of("eventId", job.eventId(), "messageId", job.jobId(), "eventType", type);
    }

    private JsonNode example(String tenant, String type) {
        return eventTypes.visible(Optional.of(tenant), type).filter(t -> !t.archived())
                .map(EventType::examples).filter(examples -> !examples.isEmpty()).map(examples -> examples.get(0))
                .orElseThrow(() -> ProblemException.validation(List.of(new FieldError("data",
                        "is required: the event type " + type + " has no example to send"))));
    }

    private DeliveryJob send(Subscription subscription, String type, JsonNode data) {
        Instant now = clock.instant();
        EventEnvelope event = new EventEnvelope("test_" + UUID.randomUUID(), SOURCE, type, now, Optional.empty(), subscription.tenant(),
                data, Optional.empty());
        DeliveryJob job = DeliveryJobs.forSubscription(event, subscription.id(), subscription.format(), new PayloadRenderer(event), now);
        try {
            producer.send(new ProducerRecord<>(deliveries.name(), job.key(), job)).get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while sending the test event", Duration.ofSeconds(2));
        } catch (ExecutionException | TimeoutException e) {
            throw ProblemException.unavailable("Kafka did not take the test event in time; nothing was sent", Duration.ofSeconds(2));
        }
        metrics.testEventSent();
        log.info("Sent test event {} of type {} to subscription {}", event.id(), type, subscription.id());
        return job;
    }
}
