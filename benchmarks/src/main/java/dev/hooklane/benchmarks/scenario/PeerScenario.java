package dev.hooklane.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.benchmarks.cpu.Part;
import dev.hooklane.benchmarks.harness.JobRecords;
import dev.hooklane.benchmarks.harness.Pipeline;
import dev.hooklane.benchmarks.harness.ReceiverClient;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import dev.hooklane.benchmarks.report.Figure;
import dev.hooklane.benchmarks.report.Target;
import dev.hooklane.service.kafka.KafkaClients;
import dev.hooklane.testkit.process.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Scenario 7: the same job records, in the same deliveries topic, drained by our worker and by the
 * peer (Spring Kafka with {@code @RetryableTopic} and {@code RestClient}, module
 * {@code benchmarks-peer}), one after the other, each run in a consumer group of its own, to the
 * same receiver. The rate is the jobs delivered over the time from the first arrival to the last;
 * the CPU account runs from the first arrival (the consumer's start-up left out) to the last.
 */
public final class PeerScenario {

    public static final String NAME = "7. Peer";
    static final String PEER_MAIN = "dev.hooklane.peer.PeerApplication";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private PeerScenario() {
    }

    public static void run(Bench bench, Optional<Path> peerClassPathFile) {
        int count = bench.scale().peerJobs();
        List<Double> ours = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        String prefix = "b7.";
        Pipeline topics = Pipeline.prepare(bench.stack(), prefix, RetryScenario.SCHEDULE)
                .subscribe(ThroughputScenario.SUBSCRIPTIONS, ThroughputScenario.SUBSCRIPTIONS, ThroughputScenario::type);
        String deliveries = topics.kafka().catalog().deliveries().name();
        produceJobs(topics, deliveries, count);
        Optional<String> peerClassPath = peerClassPathFile.map(PeerScenario::classPath);
        CpuFigures oursCpu = new CpuFigures(bench, NAME, "peer.ours", "our worker's drains, CPU per delivery", "delivery", Optional.empty());
        CpuFigures peerCpu = new CpuFigures(bench, NAME, "peer.peer", "the peer's drains, CPU per delivery", "delivery", Optional.empty());
        for (int run = 0; run < bench.scale().runs(); run++) {
            String group = "drain-" + run;
            try (Pipeline worker = Pipeline.prepare(bench.stack(), prefix, RetryScenario.SCHEDULE)) {
                ours.add(drain(bench, count, () -> worker.startWorkerOnly(group), oursCpu));
            }
            if (peerClassPath.isPresent()) {
                ServiceProcess process = ServiceProcess.of("peer", PEER_MAIN, peerClassPath.get(), Map.of(
                                "SPRING_KAFKA_BOOTSTRAP_SERVERS", bench.stack().bootstrap(),
                                "SPRING_KAFKA_CONSUMER_GROUP_ID", prefix + "peer-" + run,
                                "PEER_TOPIC", deliveries,
                                "PEER_SUBSCRIPTIONS_TOPIC", topics.kafka().catalog().subscriptions().name()),
                        List.of("-Xmx1g"), bench.stack().logs().resolve("peer.log"));
                try {
                    peer.add(drain(bench, count, () -> bench.stack().launch(Part.PEER, process), peerCpu));
                } finally {
                    bench.stack().stop(process);
                }
            }
            bench.sampleLoad(NAME);
        }
        bench.results().add(Figure.of("peer.oursDeliveriesPerSecond", NAME, "our worker draining the job records", "deliveries/s", ours)
                .comparedWith(CeilingScenarios.KAFKA_CONSUME, CeilingScenarios.HTTP));
        oursCpu.each(Part.WORKER, Part.BROKER, Part.RECEIVER, Part.HARNESS)
                .total(List.of(Part.BROKER, Part.WORKER))
                .total(List.of(Part.BROKER, Part.WORKER, Part.RECEIVER));
        if (peer.isEmpty()) {
            bench.results().note(NAME, "the peer was not run: no --peer-classpath given (bin/benchmark builds benchmarks-peer and passes it)");
            return;
        }
        bench.results().add(Figure.of("peer.peerDeliveriesPerSecond", NAME, "peer (Spring Kafka @RetryableTopic + RestClient) draining the same records",
                "deliveries/s", peer).comparedWith(CeilingScenarios.KAFKA_CONSUME, CeilingScenarios.HTTP));
        peerCpu.each(Part.PEER, Part.BROKER, Part.RECEIVER, Part.HARNESS)
                .total(List.of(Part.BROKER, Part.PEER))
                .total(List.of(Part.BROKER, Part.PEER, Part.RECEIVER));
        double peerMedian = bench.results().figure("peer.peerDeliveriesPerSecond").orElseThrow().median();
        bench.results().add(Figure.of("peer.ratio", NAME, "our worker / peer", "ratio", ours.stream().map(rate -> rate / peerMedian).toList())
                .withTarget(Target.atLeast(2, "≥ 2×")));
        List<Double> oursMicros = oursCpu.micros(List.of(Part.WORKER));
        List<Double> peerMicros = peerCpu.micros(List.of(Part.PEER));
        if (!oursMicros.isEmpty() && !peerMicros.isEmpty()) {
            double peerMicrosMedian = Figure.median(peerMicros);
            bench.results().add(Figure.of("peer.cpuRatio", NAME, "our worker's CPU per delivery / the peer's", "ratio",
                    oursMicros.stream().map(micros -> micros / peerMicrosMedian).toList()));
        }
        bench.results().note(NAME, String.format(Locale.ROOT, "%,d job records per run in %s (6 partitions); the peer runs Spring Boot 4.1.2, "
                + "Spring for Apache Kafka 4.1.2 (Kafka clients 4.2), 6 listener threads (one per partition, as its reference recommends), "
                + "RestClient on a pooled Apache HttpClient 5; our worker runs with its defaults", count, deliveries));
    }

    /**
     * Starts a consumer, waits until the receiver has {@code count} answers; returns deliveries per
     * second first to last arrival. The CPU from the first answer seen to the last goes to
     * {@code cpu}. The consumer starts on another thread: a worker delivers before its readiness
     * check has answered, and a small drain can be over by then.
     */
    private static double drain(Bench bench, int count, Runnable startConsumer, CpuFigures cpu) {
        ReceiverClient receiver = bench.stack().receiver();
        receiver.reset(ReceiverMode.OK);
        CompletableFuture<Void> starting = CompletableFuture.runAsync(startConsumer);
        Bench.await(() -> receiver.answered() > 0 || starting.isCompletedExceptionally(), PATIENCE);
        long first = receiver.answered();
        CpuFigures.Mark mark = cpu.start();
        boolean all = Bench.await(() -> receiver.answered() >= count || starting.isCompletedExceptionally(), PATIENCE);
        JsonNode stats = receiver.stats();
        cpu.end(mark, stats.path("answered").asLong() - first);
        starting.join();
        long answered = stats.path("answered").asLong();
        if (!all) {
            bench.results().note(NAME, String.format(Locale.ROOT, "a drain delivered %,d of %,d jobs within %d s", answered, count, PATIENCE.toSeconds()));
        }
        double seconds = (stats.path("lastArrivalMicros").asLong() - stats.path("firstArrivalMicros").asLong()) / 1e6;
        return answered / seconds;
    }

    private static void produceJobs(Pipeline pipeline, String topic, int count) {
        JobRecords jobs = new JobRecords(ThroughputScenario.SUBSCRIPTIONS);
        try (var producer = new KafkaProducer<>(KafkaClients.producer(pipeline.kafka(), "benchmark-peer-jobs", Map.of()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                // JSON, which both read: the peer knows no other form.
                producer.send(new ProducerRecord<>(topic, jobs.subscriptionId(i), jobs.serializedAsJson(i)));
            }
            producer.flush();
        }
    }

    private static String classPath(Path file) {
        try {
            Path classes = file.toAbsolutePath().getParent().resolve("classes");
            return classes + java.io.File.pathSeparator + Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the peer's class path from " + file, e);
        }
    }
}
