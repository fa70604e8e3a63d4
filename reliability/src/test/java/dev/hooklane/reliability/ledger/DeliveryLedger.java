package dev.hooklane.reliability.ledger;

import dev.hooklane.contracts.delivery.JobIds;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.matching.MatchInput;
import dev.hooklane.contracts.matching.MatchRule;
import dev.hooklane.contracts.subscription.FilterCondition;
import dev.hooklane.contracts.subscription.SubscriptionFilter;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Knows every event sent and every subscription made, and proves at the end that each (event,
 * matching subscription) pair was delivered (the receiver accepted its {@code webhook-id} with a
 * valid signature) or dead-lettered with a reason. The expected pairs come from the platform's own
 * matching rule ({@link MatchRule}) and job ids ({@link JobIds}).
 *
 * <p>Some pairs may or may not be delivered without either being wrong: an event whose post was
 * not acknowledged (a 503 or a timeout may still have been written), a subscription deleted or
 * created while events flowed. Such pairs are <em>allowed</em>: neither lost when missing nor
 * unexpected when seen. Every method is thread-safe; {@link #reconcile()} takes a snapshot.
 */
public final class DeliveryLedger {

    /**
     * A subscription as the ledger needs it.
     *
     * @param required whether every matching event must reach it (false for subscriptions created or
     *     deleted while events flow)
     */
    public record TrackedSubscription(String id, String tenant, List<String> eventTypes, List<FilterCondition> filter,
                                      WebhookSecret secret, boolean required) {
        public TrackedSubscription {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(tenant, "tenant");
            eventTypes = List.copyOf(eventTypes);
            filter = List.copyOf(filter);
            Objects.requireNonNull(secret, "secret");
        }

        boolean matches(EventEnvelope event) {
            return MatchRule.of(tenant, eventTypes, SubscriptionFilter.of(filter)).test(MatchInput.of(event)).matched();
        }
    }

    private record Pair(String eventId, TrackedSubscription subscription) {
    }

    private final Map<String, TrackedSubscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, EventEnvelope> sent = new ConcurrentHashMap<>();
    private final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<ReceivedRequest> accepted = new ConcurrentLinkedQueue<>();
    private final Map<String, String> deadLetters = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> deadLettersWithoutReason = new ConcurrentLinkedQueue<>();

    /** A subscription exists (or existed for a while, when not {@code required}). */
    public void subscribed(TrackedSubscription subscription) {
        subscriptions.put(subscription.id(), subscription);
    }

    /** An event is about to be sent; until {@link #acknowledged} it may or may not arrive. */
    public void sending(EventEnvelope event) {
        sent.put(event.id(), event);
    }

    /** The platform acknowledged the event (ingest's 202 or the broker's ack): it must arrive. */
    public void acknowledged(String eventId) {
        if (!sent.containsKey(eventId)) {
            throw new IllegalArgumentException("acknowledged an event never sent: " + eventId);
        }
        acknowledged.put(eventId, Boolean.TRUE);
    }

    /** The receiver accepted this request (answered 2xx). */
    public void accepted(ReceivedRequest request) {
        accepted.add(request);
    }

    /** A job reached the dead-letter topic. */
    public void deadLettered(String jobId, String reason) {
        if (reason == null || reason.isBlank()) {
            deadLettersWithoutReason.add(jobId);
        } else {
            deadLetters.put(jobId, reason);
        }
    }

    /** Pairs that must be delivered or dead-lettered and are neither yet. */
    public int outstanding() {
        Map<String, Pair> required = pairs(true);
        java.util.Set<String> delivered = new java.util.HashSet<>();
        for (ReceivedRequest request : accepted) {
            delivered.add(request.webhookId());
        }
        int open = 0;
        for (String jobId : required.keySet()) {
            if (!delivered.contains(jobId) && !deadLetters.containsKey(jobId)) {
                open++;
            }
        }
        return open;
    }

    /** Every dead letter seen so far: job id to reason. */
    public Map<String, String> deadLetterReasons() {
        return Map.copyOf(deadLetters);
    }

    /** Accepted requests so far (every 2xx, duplicates included). */
    public int acceptedCount() {
        return accepted.size();
    }

    /** Compares what had to happen with what did. */
    public LedgerReport reconcile() {
        Map<String, Pair> required = pairs(true);
        Map<String, Pair> allowed = pairs(false);
        Map<String, Integer> receipts = new HashMap<>();
        int badSignatures = 0;
        int unexpected = 0;
        List<String> unexpectedSample = new ArrayList<>();
        for (ReceivedRequest request : accepted) {
            String jobId = request.webhookId();
            Pair pair = allowed.get(jobId);
            if (pair == null) {
                unexpected++;
                sample(unexpectedSample, jobId);
                continue;
            }
            if (!request.signatureVerifies(pair.subscription().secret())) {
                badSignatures++;
                continue;
            }
            receipts.merge(jobId, 1, Integer::sum);
        }
        int delivered = 0;
        int duplicates = 0;
        int dead = 0;
        int lost = 0;
        List<String> lostSample = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (String jobId : required.keySet()) {
            int times = receipts.getOrDefault(jobId, 0);
            if (times > 0) {
                delivered++;
            } else if (deadLetters.containsKey(jobId)) {
                dead++;
                reasons.merge(reasonKind(deadLetters.get(jobId)), 1, Integer::sum);
            } else {
                lost++;
                sample(lostSample, jobId + " (event " + required.get(jobId).eventId() + ", subscription " + required.get(jobId).subscription().id() + ")");
            }
        }
        for (int times : receipts.values()) {
            duplicates += Math.max(0, times - 1);
        }
        int optionalDelivered = (int) receipts.keySet().stream().filter(jobId -> !required.containsKey(jobId)).count();
        return new LedgerReport(sent.size(), acknowledged.size(), required.size(), delivered, optionalDelivered, duplicates, lost,
                dead, deadLettersWithoutReason.size(), unexpected, badSignatures, reasons, lostSample, unexpectedSample);
    }

    /**
     * For every receipt beyond the first of a {@code webhook-id}: how long before the next of
     * {@code faults} its first copy arrived. A duplicate after a crash is a job whose request was
     * answered in that lead but whose resolution the crashed process had not made durable, so these
     * leads show how wide that window is. Duplicates with no fault after their first copy are left out.
     */
    public List<Duration> duplicateLeads(List<Instant> faults) {
        List<Instant> sortedFaults = faults.stream().sorted().toList();
        Map<String, Instant> first = new HashMap<>();
        Map<String, Integer> receipts = new HashMap<>();
        for (ReceivedRequest request : accepted) {
            first.merge(request.webhookId(), request.receivedAt(), (a, b) -> a.isBefore(b) ? a : b);
            receipts.merge(request.webhookId(), 1, Integer::sum);
        }
        List<Duration> leads = new ArrayList<>();
        receipts.forEach((jobId, times) -> {
            if (times < 2) {
                return;
            }
            Instant arrived = first.get(jobId);
            sortedFaults.stream().filter(fault -> !fault.isBefore(arrived)).findFirst().ifPresent(fault -> {
                for (int i = 1; i < times; i++) {
                    leads.add(Duration.between(arrived, fault));
                }
            });
        });
        return leads;
    }

    private record PairsKey(boolean requiredOnly, int sent, int acknowledged, int subscriptions) {
    }

    private volatile PairsKey cachedKey;
    private volatile Map<String, Pair> cachedPairs;

    /**
     * Required pairs when {@code requiredOnly}, else every pair that may be delivered, keyed by job
     * id; computed again only when an event or subscription was added since the last call, so that
     * polling during the drain stays cheap.
     */
    private synchronized Map<String, Pair> pairs(boolean requiredOnly) {
        PairsKey key = new PairsKey(requiredOnly, sent.size(), acknowledged.size(), subscriptions.size());
        if (key.equals(cachedKey)) {
            return cachedPairs;
        }
        Map<String, Pair> pairs = computePairs(requiredOnly);
        cachedKey = key;
        cachedPairs = pairs;
        return pairs;
    }

    private Map<String, Pair> computePairs(boolean requiredOnly) {
        Map<String, Pair> pairs = new HashMap<>();
        for (EventEnvelope event : sent.values()) {
            boolean mustArrive = acknowledged.containsKey(event.id());
            if (requiredOnly && !mustArrive) {
                continue;
            }
            for (TrackedSubscription subscription : subscriptions.values()) {
                if ((!requiredOnly || subscription.required()) && subscription.matches(event)) {
                    pairs.put(JobIds.of(event.id(), subscription.id()), new Pair(event.id(), subscription));
                }
            }
        }
        return pairs;
    }

    /** The first words of a reason, so that reasons group into a few kinds. */
    private static String reasonKind(String reason) {
        String[] words = reason.strip().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(2, words.length)));
    }

    private static void sample(List<String> sample, String entry) {
        if (sample.size() < 10) {
            sample.add(entry);
        }
    }
}
