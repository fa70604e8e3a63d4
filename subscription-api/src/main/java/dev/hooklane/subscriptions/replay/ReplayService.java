package dev.hooklane.subscriptions.replay;

import dev.hooklane.contracts.delivery.DeadLetter;
import dev.hooklane.contracts.delivery.DeadLetters;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.DeliveryJobs;
import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.JobHeaders;
import dev.hooklane.contracts.event.EventEnvelope;
import dev.hooklane.contracts.matching.MatchInput;
import dev.hooklane.contracts.matching.MatchRule;
import dev.hooklane.contracts.render.PayloadRenderer;
import dev.hooklane.contracts.subscription.Subscription;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.service.kafka.TopicFollower;
import dev.hooklane.service.kafka.TopicScan;
import dev.hooklane.subscriptions.attempts.HistorySettings;
import dev.hooklane.subscriptions.eventtype.RecentEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends jobs again on request. Replay: dead letters of a subscription (one, or all of a time range)
 * go back to the deliveries topic as fresh jobs (attempt 1, same {@code webhook-id}). Recover: the
 * events of a time range that the subscription matches are rendered for it and sent, as the router
 * would have. Jobs carry a {@code hooklane.trigger} header, so their attempts say why they happened.
 * Dead letters are found in the one dlq partition of the subscription's key; events are scanned in
 * every partition from the range's start. Both scans are bounded in records and time.
 */
public final class ReplayService implements AutoCloseable {

    /**
     * What a replay or recovery did.
     *
     * @param sent jobs written to the deliveries topic
     * @param scanned records read
     * @param complete false when a scan limit stopped it early; the range is then only partly done
     */
    public record Result(int sent, long scanned, boolean complete) {
    }

    /** Thrown when too many scans run already. */
    public static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Busy() {
            super("too many replays and recoveries are running", null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings kafka;
    private final TopicCatalog catalog;
    private final HistorySettings settings;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;
    private final Semaphore scans = new Semaphore(2);

    public ReplayService(KafkaSettings kafka, HistorySettings settings, Clock clock) {
        this.kafka = kafka;
        this.catalog = kafka.catalog();
        this.settings = settings;
        this.clock = clock;
        this.producer = new KafkaProducer<>(KafkaClients.producer(kafka, "subscription-api-replay", Map.of()), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The subscription's dead letters that died within [from, to], oldest first, at most {@code limit}. */
    public List<DeadLetter> deadLetters(Subscription subscription, Instant from, Instant to, int limit) {
        List<DeadLetter> found = new ArrayList<>();
        scanDeadLetters(subscription, from, to, letter -> {
            if (found.size() < limit) {
                found.add(letter);
            }
        });
        return found;
    }

    /** Sends again the subscription's dead letters of [from, to], or only the one of {@code jobId}. */
    public Result replay(Subscription subscription, Optional<String> jobId, Instant from, Instant to) {
        List<DeliveryJob> jobs = new ArrayList<>();
        TopicScan.Outcome outcome = scanDeadLetters(subscription, from, to, letter -> {
            if (jobId.isEmpty() || jobId.get().equals(letter.job().jobId())) {
                jobs.removeIf(job -> job.jobId().equals(letter.job().jobId()));
                jobs.add(fresh(letter.job()));
            }
        });
        int sent = send(jobs, subscription, "replay");
        log.info("Replayed {} dead letters of subscription {} ({} records read)", sent, subscription.id(), outcome.scanned());
        return new Result(sent, outcome.scanned(), outcome.complete());
    }

    /** Sends the events of [from, to] that {@code subscription} matches, rendered in its format. */
    public Result recover(Subscription subscription, Instant from, Instant to) {
        List<DeliveryJob> jobs = new ArrayList<>();
        Instant now = clock.instant();
        MatchRule rule = MatchRule.of(subscription);
        TopicScan.Outcome outcome = scan(partitions(catalog.events().name()), from, to, record -> {
            EventEnvelope event = RecentEvents.read(record);
            if (rule.test(MatchInput.of(event)).matched()) {
                jobs.add(DeliveryJobs.forSubscription(event, subscription.id(), subscription.format(), new PayloadRenderer(event), now));
            }
        });
        int sent = send(jobs, subscription, "recover");
        log.info("Recovered {} events for subscription {} ({} records read)", sent, subscription.id(), outcome.scanned());
        return new Result(sent, outcome.scanned(), outcome.complete());
    }

    private TopicScan.Outcome scanDeadLetters(Subscription subscription, Instant from, Instant to, java.util.function.Consumer<DeadLetter> visitor) {
        String topic = catalog.dlq().name();
        int count = partitions(topic).size();
        // Dead letters are keyed by subscription id: only the partition of that key holds them.
        int partition = DeliveryJobs.partitionOf(subscription.id(), count);
        return scan(List.of(new TopicPartition(topic, partition)), from, to.plusSeconds(60), record -> {
            if (!subscription.id().equals(record.key()) || record.value() == null) {
                return;
            }
            // A record nobody could read has no job to replay; it stays in the topic with its bytes.
            if (DeadLetters.read(record.value(), record.headers()) instanceof DeadLetters.Readable readable) {
                DeadLetter letter = readable.letter();
                if (letter.job().tenant().equals(subscription.tenant()) && !letter.deadAt().isBefore(from) && !letter.deadAt().isAfter(to)) {
                    visitor.accept(letter);
                }
            }
        });
    }

    private TopicScan.Outcome scan(List<TopicPartition> partitions, Instant from, Instant to, TopicFollower.Handler visitor) {
        if (!scans.tryAcquire()) {
            throw new Busy();
        }
        try {
            return TopicScan.run(kafka, "subscription-api-replay-scan", partitions, TopicScan.From.since(from),
                    new TopicScan.Limits(to, settings.maxScannedRecords(), settings.maxScanTime()), visitor);
        } finally {
            scans.release();
        }
    }

    private List<TopicPartition> partitions(String topic) {
        return producer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private DeliveryJob fresh(DeliveryJob job) {
        return DeliveryJobs.resent(job, clock.instant());
    }

    private int send(List<DeliveryJob> jobs, Subscription subscription, String trigger) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (DeliveryJob job : jobs) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(JobHeaders.TRIGGER, trigger.getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Void> ack = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(catalog.deliveries().name(), null, job.key(), JobCodec.encode(job), headers), (metadata, error) -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            });
            acks.add(ack);
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return jobs.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending jobs of subscription " + subscription.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new dev.hooklane.service.kafka.TopicTable.TableWriteException("Kafka did not take the jobs in time: " + e.getMessage(), false);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
