package dev.hooklane.contracts.topic;

import dev.hooklane.contracts.delivery.AttemptRecord;
import dev.hooklane.contracts.delivery.AttemptCodec;
import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.eventtype.EventType;
import dev.hooklane.contracts.idempotency.IdempotentAnswer;
import dev.hooklane.contracts.delivery.EndpointFailure;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.portal.PortalSession;
import dev.hooklane.contracts.subscription.DisableRequest;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.tenant.ApiKey;
import dev.hooklane.contracts.tenant.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the platform, named under one prefix (default {@code webhooks.}).
 *
 * <p>Events are kept as raw bytes here because the {@code events} topic also takes records written
 * by producers directly, in structured or binary CloudEvents mode; the router decodes them.
 */
public final class TopicCatalog {

    /** The default name prefix. */
    public static final String DEFAULT_PREFIX = "webhooks.";

    /** The default retry schedule after the first attempt. */
    public static final List<Duration> DEFAULT_RETRY_SCHEDULE = List.of(
            Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));

    /** How long the idempotency-keys topic keeps a record: a little more than an answer's lifetime. */
    public static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(25);

    /** How long the portal-sessions topic keeps a record: a little more than a session's longest life. */
    public static final Duration PORTAL_SESSION_RETENTION = Duration.ofHours(25);

    /**
     * How long the attempts topic keeps attempts: the API's attempt history (7 days by default) is an
     * index of it that a new instance rebuilds from the topic, so the topic keeps a day more.
     */
    public static final Duration ATTEMPTS_RETENTION = Duration.ofDays(8);

    private final String prefix;
    private final Topic<String, byte[]> events;
    private final Topic<String, byte[]> eventsDeadLetter;
    private final Topic<String, Subscription> subscriptions;
    private final Topic<String, Tenant> tenants;
    private final Topic<String, ApiKey> apiKeys;
    private final Topic<String, DeliveryJob> deliveries;
    private final List<RetryTier> retryTiers;
    private final List<Topic<String, DeliveryJob>> retryTopics;
    private final Topic<String, byte[]> dlq;
    private final Topic<String, AttemptRecord> attempts;
    private final Topic<String, EventType> eventTypes;
    private final Topic<String, IdempotentAnswer> idempotencyKeys;
    private final Topic<String, EndpointFailure> endpointFailures;
    private final Topic<String, PortalSession> portalSessions;
    private final Topic<String, DisableRequest> disableRequests;

    /**
     * @param prefix prepended to every topic name; may be empty
     * @param partitions partitions of each topic when it is created
     * @param retrySchedule the delays of the retry tiers, in order
     */
    public TopicCatalog(String prefix, int partitions, List<Duration> retrySchedule) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("topic prefix may hold only letters, digits, '.', '_' and '-': " + prefix);
        }
        Map<String, String> none = Map.of();
        this.events = new Topic<>(prefix + "events", partitions, none, Serdes.String(), Serdes.ByteArray());
        this.eventsDeadLetter = new Topic<>(prefix + "events.dlq", partitions, none, Serdes.String(), Serdes.ByteArray());
        Map<String, String> compact = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        this.subscriptions = new Topic<>(prefix + "subscriptions", partitions, compact, Serdes.String(), JsonSerde.of(Subscription.class));
        this.tenants = new Topic<>(prefix + "tenants", 1, compact, Serdes.String(), JsonSerde.of(Tenant.class));
        this.apiKeys = new Topic<>(prefix + "api-keys", 1, compact, Serdes.String(), JsonSerde.of(ApiKey.class));
        this.deliveries = new Topic<>(prefix + "deliveries", partitions, none, Serdes.String(), new JobCodec());
        List<RetryTier> tiers = new ArrayList<>();
        List<Topic<String, DeliveryJob>> tierTopics = new ArrayList<>();
        for (int i = 0; i < retrySchedule.size(); i++) {
            RetryTier tier = new RetryTier(i, retrySchedule.get(i));
            if (tiers.stream().anyMatch(t -> t.label().equals(tier.label()))) {
                throw new IllegalArgumentException("retry schedule repeats the delay " + tier.label());
            }
            tiers.add(tier);
            tierTopics.add(new Topic<>(prefix + "retry." + tier.label(), partitions, none, Serdes.String(), new JobCodec()));
        }
        this.retryTiers = List.copyOf(tiers);
        this.retryTopics = List.copyOf(tierTopics);
        this.dlq = new Topic<>(prefix + "dlq", partitions, none, Serdes.String(), Serdes.ByteArray());
        this.attempts = new Topic<>(prefix + "attempts", partitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ATTEMPTS_RETENTION.toMillis())),
                Serdes.String(), new AttemptCodec());
        this.eventTypes = new Topic<>(prefix + "event-types", 1, compact, Serdes.String(), JsonSerde.of(EventType.class));
        // Compacted and deleted: a key's answer is kept for a day, so old segments may go whole.
        this.idempotencyKeys = new Topic<>(prefix + "idempotency-keys", partitions, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(IDEMPOTENCY_RETENTION.toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis())), Serdes.String(), JsonSerde.of(IdempotentAnswer.class));
        this.endpointFailures = new Topic<>(prefix + "endpoint-failures", partitions, compact, Serdes.String(),
                JsonSerde.of(EndpointFailure.class));
        // Compacted and deleted like the idempotency keys: a session lives at most a day.
        this.portalSessions = new Topic<>(prefix + "portal-sessions", 1, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(PORTAL_SESSION_RETENTION.toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis())), Serdes.String(), JsonSerde.of(PortalSession.class));
        this.disableRequests = new Topic<>(prefix + "subscription-disable-requests", partitions, none, Serdes.String(),
                JsonSerde.of(DisableRequest.class));
    }

    /** A catalog with the default prefix and retry schedule. */
    public static TopicCatalog defaults(int partitions) {
        return new TopicCatalog(DEFAULT_PREFIX, partitions, DEFAULT_RETRY_SCHEDULE);
    }

    public String prefix() {
        return prefix;
    }

    /** Events as produced: key = partition key (subject, else tenant), value = CloudEvent bytes. */
    public Topic<String, byte[]> events() {
        return events;
    }

    /** Records of {@link #events()} that could not be read, with the reason in headers. */
    public Topic<String, byte[]> eventsDeadLetter() {
        return eventsDeadLetter;
    }

    /** Compacted; key = subscription id, null value = deleted. */
    public Topic<String, Subscription> subscriptions() {
        return subscriptions;
    }

    /** Compacted; key = tenant id. */
    public Topic<String, Tenant> tenants() {
        return tenants;
    }

    /** Compacted; key = the key's hash, so a lookup is one map access. */
    public Topic<String, ApiKey> apiKeys() {
        return apiKeys;
    }

    /** One job per (event, subscription); key = subscription id, or the event id for callback jobs. */
    public Topic<String, DeliveryJob> deliveries() {
        return deliveries;
    }

    public List<RetryTier> retryTiers() {
        return retryTiers;
    }

    /** The topic of a retry tier. */
    public Topic<String, DeliveryJob> retry(RetryTier tier) {
        return retryTopics.get(tier.index());
    }

    /** Jobs that will not be attempted again: the job's record, the reason in headers ({@link dev.hooklane.contracts.delivery.DeadLetters}). */
    public Topic<String, byte[]> dlq() {
        return dlq;
    }

    /** One record per delivery attempt. */
    public Topic<String, AttemptRecord> attempts() {
        return attempts;
    }

    /** Compacted; key = owner ({@code *} for the platform catalog, else the tenant) {@code /} name. */
    public Topic<String, EventType> eventTypes() {
        return eventTypes;
    }

    /** Compacted and time-bounded; key = caller {@code /} Idempotency-Key. */
    public Topic<String, IdempotentAnswer> idempotencyKeys() {
        return idempotencyKeys;
    }

    /** Compacted; key = subscription id; present while the subscription's endpoint keeps failing. */
    public Topic<String, EndpointFailure> endpointFailures() {
        return endpointFailures;
    }

    /** Compacted and time-bounded; key = portal session id; the sessions tenants made and revoked. */
    public Topic<String, PortalSession> portalSessions() {
        return portalSessions;
    }

    /**
     * Key = subscription id; requests to disable a subscription, from services that may not write
     * the subscriptions table, applied by the subscription API.
     */
    public Topic<String, DisableRequest> disableRequests() {
        return disableRequests;
    }

    /** Every topic of the platform, for creation at start-up. */
    public List<Topic<?, ?>> all() {
        List<Topic<?, ?>> all = new ArrayList<>(List.of(events, eventsDeadLetter, subscriptions, tenants, apiKeys, deliveries));
        all.addAll(retryTopics);
        all.add(dlq);
        all.add(attempts);
        all.add(eventTypes);
        all.add(idempotencyKeys);
        all.add(endpointFailures);
        all.add(portalSessions);
        all.add(disableRequests);
        return List.copyOf(all);
    }
}
