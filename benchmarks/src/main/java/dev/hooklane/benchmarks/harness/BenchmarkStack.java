package dev.hooklane.benchmarks.harness;

import dev.hooklane.benchmarks.receiver.BenchmarkReceiver;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.process.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts every scenario shares, each in a JVM of its own on loopback: Apache Kafka's broker and
 * the benchmark receiver. Pipelines (router and worker) and the peer are started per scenario.
 */
public final class BenchmarkStack implements AutoCloseable {

    /** Heap of each service JVM. */
    static final String SERVICE_HEAP = "-Xmx1g";

    private final Path workDir;
    private final boolean profile;
    private final List<ServiceProcess> started = new ArrayList<>();
    private final String bootstrap;
    private final int receiverPort;
    private final ReceiverClient receiver;

    private BenchmarkStack(Path workDir, boolean profile) {
        this.workDir = workDir;
        this.profile = profile;
        int brokerPort = Loopback.freePortPair();
        this.bootstrap = "localhost:" + brokerPort;
        launch(ServiceProcess.of("kafka-broker", BrokerMain.class.getName(),
                Map.of(BrokerMain.DIR, workDir.resolve("kafka").toString(), BrokerMain.PORT, Integer.toString(brokerPort)),
                List.of(SERVICE_HEAP), workDir.resolve("logs/kafka-broker.log")));
        this.receiverPort = Loopback.freePort();
        ServiceProcess receiverProcess = launch(ServiceProcess.of("receiver", BenchmarkReceiver.class.getName(),
                Map.of(BenchmarkReceiver.PORT, Integer.toString(receiverPort)), List.of("-Xmx512m"), workDir.resolve("logs/receiver.log")));
        awaitListening("kafka-broker", brokerPort, Duration.ofSeconds(60));
        receiverProcess.awaitHealthy("http://127.0.0.1:" + receiverPort + "/health", Duration.ofSeconds(60));
        this.receiver = new ReceiverClient(receiverPort);
        receiver.reset(ReceiverMode.OK);
    }

    /**
     * @param workDir the broker's data, the services' state and every log
     * @param profile whether the pipeline's JVMs record a JFR profile into {@code workDir/profiles}
     */
    public static BenchmarkStack start(Path workDir, boolean profile) {
        return new BenchmarkStack(workDir, profile);
    }

    public String bootstrap() {
        return bootstrap;
    }

    public ReceiverClient receiver() {
        return receiver;
    }

    public int receiverPort() {
        return receiverPort;
    }

    public Path workDir() {
        return workDir;
    }

    /** The URL of endpoint {@code number}, on an address of its own (a subscriber host of its own). */
    public String endpointUrl(int number) {
        return "http://" + BenchmarkReceiver.endpointHost(number) + ":" + receiverPort + "/hooks/" + number;
    }

    public KafkaSettings kafka(String prefix, List<Duration> retrySchedule) {
        return new KafkaSettings(bootstrap, prefix, Pipeline.PARTITIONS, Optional.empty(), retrySchedule, Map.of());
    }

    /** Environment shared by the pipeline's services: Kafka, topics and a free HTTP port on loopback. */
    Map<String, String> serviceEnvironment(String prefix, List<Duration> retrySchedule, int httpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("HOOKLANE_KAFKA_BOOTSTRAP", bootstrap);
        env.put("HOOKLANE_TOPIC_PREFIX", prefix);
        env.put("HOOKLANE_TOPIC_PARTITIONS", Integer.toString(Pipeline.PARTITIONS));
        env.put("HOOKLANE_RETRY_SCHEDULE", String.join(",", retrySchedule.stream().map(d -> d.toSeconds() + "s").toList()));
        env.put("HOOKLANE_HTTP_HOST", "127.0.0.1");
        env.put("HOOKLANE_HTTP_PORT", Integer.toString(httpPort));
        env.put("HOOKLANE_LOG_LEVEL", "WARN");
        return env;
    }

    /** JVM options of a pipeline service; with profiling on, a JFR recording dumped at exit. */
    List<String> serviceJvmOptions(String name) {
        List<String> options = new ArrayList<>(List.of(SERVICE_HEAP));
        if (profile) {
            Path recording = workDir.resolve("profiles").resolve(name + "-" + Instant.now().toEpochMilli() + ".jfr");
            recording.getParent().toFile().mkdirs();
            options.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
        }
        return options;
    }

    ServiceProcess launch(ServiceProcess process) {
        started.add(process);
        return process.start();
    }

    void stopped(ServiceProcess process) {
        started.remove(process);
    }

    private static void awaitListening(String name, int port, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Pause.of(Duration.ofMillis(200));
            }
        }
        throw new UncheckedIOException(new IOException(name + " did not listen on port " + port + " within " + patience));
    }

    @Override
    public void close() {
        for (ServiceProcess process : List.copyOf(started).reversed()) {
            process.stop(Duration.ofSeconds(20));
        }
        started.clear();
    }
}
