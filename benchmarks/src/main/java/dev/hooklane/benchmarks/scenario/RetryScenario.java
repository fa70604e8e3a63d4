package dev.hooklane.benchmarks.scenario;

import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.benchmarks.harness.EventLoad;
import dev.hooklane.benchmarks.harness.Pipeline;
import dev.hooklane.benchmarks.harness.ReceiverClient;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import dev.hooklane.benchmarks.report.Figure;
import dev.hooklane.benchmarks.report.Target;
import dev.hooklane.contracts.delivery.JobHeaders;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.service.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Scenario 5: the receiver fails the first attempt of every job; each job's retry is due at the
 * time written in its retry-tier record ({@link JobHeaders#DUE_AT}, the first delay ±20%), and the
 * figure is how far after that time the retry reached the receiver.
 */
public final class RetryScenario {

    public static final String NAME = "5. Retries";
    /** Retry delays of every pipeline of the runs: the first tier short, so the retries come within the run. */
    public static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(1));
    private static final double EVENTS_PER_SECOND = 100;

    private RetryScenario() {
    }

    public static void run(Bench bench) {
        ReceiverClient receiver = bench.stack().receiver();
        int events = bench.scale().retryEvents();
        int jobs = events * ThroughputScenario.FAN_OUT;
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        List<Double> early = new ArrayList<>();
        try (Pipeline pipeline = Pipeline.prepare(bench.stack(), "b5.", SCHEDULE)
                .subscribe(ThroughputScenario.SUBSCRIPTIONS, ThroughputScenario.SUBSCRIPTIONS, ThroughputScenario::type)
                .startRouterAndWorker(Map.of("HOOKLANE_WORKER_CIRCUIT_FAILURES", "1000"));
             EventLoad load = new EventLoad(pipeline.kafka())) {
            for (int run = 0; run < bench.scale().runs(); run++) {
                receiver.reset(ReceiverMode.FAIL_FIRST);
                long sent = load.run(EVENTS_PER_SECOND, Duration.ofMillis((long) (events / EVENTS_PER_SECOND * 1000) + 500),
                        ThroughputScenario::type, count -> count < events);
                if (sent != events) {
                    throw new IllegalStateException("the generator sent " + sent + " events instead of " + events);
                }
                boolean all = Bench.await(() -> receiver.answered() >= jobs, Duration.ofSeconds(60));
                bench.sampleLoad(NAME);
                Map<String, Long> arrivals = receiver.retryArrivals();
                if (!all) {
                    bench.results().note(NAME, String.format(Locale.ROOT, "run %d: %d of %d retries arrived within 60 s", run + 1, arrivals.size(), jobs));
                }
                double[] lateness = lateness(pipeline, arrivals);
                p50.add(at(lateness, 0.50));
                p99.add(at(lateness, 0.99));
                max.add(lateness[lateness.length - 1]);
                early.add((double) Arrays.stream(lateness).filter(ms -> ms < 0).count());
            }
        } finally {
            receiver.reset(ReceiverMode.OK);
        }
        bench.results().note(NAME, String.format(Locale.ROOT,
                "%d events × 10 per run at %.0f events/s; first retry tier %d s ±20%%; the circuit breaker is set to open after 1,000 failures "
                        + "so that it stays out of a run where every first attempt fails", events, EVENTS_PER_SECOND, SCHEDULE.get(0).toSeconds()));
        bench.results().add(Figure.of("retries.latenessP50Ms", NAME, "retry arrival − due time, p50", "ms", p50));
        bench.results().add(Figure.of("retries.latenessP99Ms", NAME, "retry arrival − due time, p99", "ms", p99)
                .withTarget(Target.atMost(1_000, "≤ 1 s")));
        bench.results().add(Figure.of("retries.latenessMaxMs", NAME, "retry arrival − due time, max", "ms", max)
                .withTarget(Target.atMost(1_000, "≤ 1 s")));
        bench.results().add(Figure.of("retries.early", NAME, "retries that arrived before their due time", "count", early));
    }

    /**
     * Arrival minus due time of every retried job, sorted, in ms. A job's due time is the latest
     * one its retry-tier records give that is not after its arrival (a job deferred while its
     * endpoint was busy has more than one record).
     */
    private static double[] lateness(Pipeline pipeline, Map<String, Long> arrivalsMicros) {
        Map<String, TreeSet<Long>> dues = dueTimes(pipeline);
        return arrivalsMicros.entrySet().stream()
                .filter(arrival -> dues.containsKey(arrival.getKey()))
                .mapToDouble(arrival -> {
                    long arrivedMs = arrival.getValue() / 1000;
                    TreeSet<Long> due = dues.get(arrival.getKey());
                    Long latest = due.floor(arrivedMs);
                    return (arrival.getValue() / 1000.0) - (latest != null ? latest : due.first());
                })
                .sorted().toArray();
    }

    private static Map<String, TreeSet<Long>> dueTimes(Pipeline pipeline) {
        String topic = pipeline.kafka().catalog().retry(pipeline.kafka().catalog().retryTiers().get(0)).name();
        Map<String, TreeSet<Long>> dues = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(KafkaClients.consumer(pipeline.kafka(), "benchmark-due-times", null, Map.of()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header due = record.headers().lastHeader(JobHeaders.DUE_AT);
                    DeliveryJob job = JobCodec.decode(record.value());
                    if (due != null && job != null) {
                        dues.computeIfAbsent(job.jobId(), id -> new TreeSet<>()).add(Long.parseLong(new String(due.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return dues;
    }

    private static double at(double[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }
}
