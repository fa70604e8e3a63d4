package dev.hooklane.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.benchmarks.cpu.Part;
import dev.hooklane.benchmarks.harness.JobRecords;
import dev.hooklane.benchmarks.harness.Pipeline;
import dev.hooklane.benchmarks.harness.ReceiverClient;
import dev.hooklane.benchmarks.harness.TopicReadiness;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Scenario 7: the same job records drained by our worker and by the peer (Spring Kafka with
 * {@code @RetryableTopic} and {@code RestClient}, module {@code benchmarks-peer}), one after the
 * other, to the same receiver. Both run for the whole scenario, each on a deliveries topic of its
 * own; a drain is the same records committed in one transaction to one of the two, so that the
 * whole backlog appears at once. Unmeasured drains come first, until the JIT compilers of both have
 * settled, so that the drains compare two warm JVMs. The rate is the jobs delivered over the time
 * from the first arrival to the last; the CPU account runs from the first arrival to the last.
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
        String oursTopic = topics.kafka().catalog().deliveries().name();
        String peerTopic = prefix + "peer-deliveries";
        createTopic(topics, peerTopic);
        Optional<String> peerClassPath = peerClassPathFile.map(PeerScenario::classPath);
        CpuFigures oursCpu = new CpuFigures(bench, NAME, "peer.ours", "our worker's drains, CPU per delivery", "delivery", Optional.empty());
        CpuFigures peerCpu = new CpuFigures(bench, NAME, "peer.peer", "the peer's drains, CPU per delivery", "delivery", Optional.empty());
        ServiceProcess peerProcess = null;
        try (Pipeline worker = Pipeline.prepare(bench.stack(), prefix, RetryScenario.SCHEDULE).startWorkerOnly("drain");
             JobProducer jobs = new JobProducer(topics, count)) {
            if (peerClassPath.isPresent()) {
                peerProcess = bench.stack().launch(Part.PEER, ServiceProcess.of("peer", PEER_MAIN, peerClassPath.get(), Map.of(
                                "SPRING_KAFKA_BOOTSTRAP_SERVERS", bench.stack().bootstrap(),
                                "SPRING_KAFKA_CONSUMER_GROUP_ID", prefix + "peer",
                                "PEER_TOPIC", peerTopic,
                                "PEER_SUBSCRIPTIONS_TOPIC", topics.kafka().catalog().subscriptions().name()),
                        List.of("-Xmx1g"), bench.stack().logs().resolve("peer.log")));
            }
            boolean withPeer = peerProcess != null;
            // Both consumers run on: unmeasured drains first, until their JIT compilers have settled.
            bench.warmUpInRounds(NAME, () -> {
                drain(bench, count, () -> jobs.send(oursTopic)).ifPresent(drained -> bench.results().note(NAME, drained));
                if (withPeer) {
                    drain(bench, count, () -> jobs.send(peerTopic)).ifPresent(drained -> bench.results().note(NAME, drained));
                }
            });
            for (int run = 0; run < bench.scale().runs(); run++) {
                ours.add(measuredDrain(bench, count, () -> jobs.send(oursTopic), oursCpu));
                if (withPeer) {
                    peer.add(measuredDrain(bench, count, () -> jobs.send(peerTopic), peerCpu));
                }
                bench.sampleLoad(NAME);
            }
        } finally {
            if (peerProcess != null) {
                bench.stack().stop(peerProcess);
            }
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
        bench.results().note(NAME, String.format(Locale.ROOT, "%,d job records per drain, committed in one transaction, in %s for our worker and %s for the peer (6 partitions each); both consumers run for the whole scenario; the peer runs Spring Boot 4.1.2, "
                + "Spring for Apache Kafka 4.1.2 (Kafka clients 4.2), 6 listener threads (one per partition, as its reference recommends), "
                + "RestClient on a pooled Apache HttpClient 5; our worker runs with its defaults", count, oursTopic, peerTopic));
    }

    /** A drain's rate and the CPU from its first answer to its last. */
    private static double measuredDrain(Bench bench, int count, Runnable sendJobs, CpuFigures cpu) {
        ReceiverClient receiver = bench.stack().receiver();
        receiver.reset(ReceiverMode.OK);
        // The jobs are committed at once: none can be answered before the send returns.
        sendJobs.run();
        Bench.await(() -> receiver.answered() > 0, PATIENCE);
        long first = receiver.answered();
        CpuFigures.Mark mark = cpu.start();
        boolean all = Bench.await(() -> receiver.answered() >= count, PATIENCE);
        JsonNode stats = receiver.stats();
        cpu.end(mark, stats.path("answered").asLong() - first);
        long answered = stats.path("answered").asLong();
        if (!all) {
            bench.results().note(NAME, shortDrain(answered, count));
        }
        double seconds = (stats.path("lastArrivalMicros").asLong() - stats.path("firstArrivalMicros").asLong()) / 1e6;
        return answered / seconds;
    }

    /**
     * An unmeasured drain of the warm-up: sends {@code count} jobs and waits for their answers; what
     * went wrong, if some never came.
     */
    private static Optional<String> drain(Bench bench, int count, Runnable sendJobs) {
        ReceiverClient receiver = bench.stack().receiver();
        receiver.reset(ReceiverMode.OK);
        sendJobs.run();
        boolean all = Bench.await(() -> receiver.answered() >= count, PATIENCE);
        return all ? Optional.empty() : Optional.of("warm-up: " + shortDrain(receiver.answered(), count));
    }

    private static String shortDrain(long answered, int count) {
        return String.format(Locale.ROOT, "a drain delivered %,d of %,d jobs within %d s", answered, count, PATIENCE.toSeconds());
    }

    private static void createTopic(Pipeline pipeline, String topic) {
        try (Admin admin = Admin.create(KafkaClients.admin(pipeline.kafka(), "benchmark-peer-admin"))) {
            admin.createTopics(List.of(new NewTopic(topic, Pipeline.PARTITIONS, (short) 1))).all().get();
            TopicReadiness.await(admin, List.of(topic), Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating " + topic, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot create " + topic + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Writes the same {@code count} job records, as JSON (which both read; the peer knows no other form), to a topic. */
    private static final class JobProducer implements AutoCloseable {

        private final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        private final KafkaProducer<String, byte[]> producer;

        JobProducer(Pipeline pipeline, int count) {
            JobRecords jobs = new JobRecords(ThroughputScenario.SUBSCRIPTIONS);
            for (int i = 0; i < count; i++) {
                records.add(new ProducerRecord<>("", jobs.subscriptionId(i), jobs.serializedAsJson(i)));
            }
            producer = new KafkaProducer<>(KafkaClients.producer(pipeline.kafka(), "benchmark-peer-jobs",
                    Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "benchmark-peer-jobs")), new StringSerializer(), new ByteArraySerializer());
            producer.initTransactions();
        }

        /** In one transaction: both consumers read committed records only, so the whole drain appears at once. */
        void send(String topic) {
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()));
            }
            producer.commitTransaction();
        }

        @Override
        public void close() {
            producer.close();
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
