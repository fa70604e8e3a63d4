package dev.hooklane.benchmarks.harness;

import dev.hooklane.benchmarks.cpu.CpuClock;
import dev.hooklane.benchmarks.cpu.CpuSample;
import dev.hooklane.benchmarks.cpu.Part;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts every scenario shares, each in a JVM of its own on loopback: Apache Kafka's broker and
 * the benchmark receiver. Pipelines (router and worker) and the peer are started per scenario.
 * The stack knows which {@link Part} every process it started plays, to account their CPU time.
 */
public final class BenchmarkStack implements AutoCloseable {

    /** Heap of each service JVM. */
    static final String SERVICE_HEAP = "-Xmx1g";

    private final Path workDir;
    private final boolean profile;
    private final Map<ServiceProcess, Part> started = new LinkedHashMap<>();
    private final Path brokerLog;
    private final int brokerPort;
    private final String bootstrap;
    private final int receiverPort;
    private final ReceiverClient receiver;

    private BenchmarkStack(Path workDir, boolean profile) {
        this.workDir = workDir;
        this.profile = profile;
        this.brokerPort = Loopback.freePortPair();
        this.bootstrap = "localhost:" + brokerPort;
        this.brokerLog = workDir.resolve("logs/kafka-broker.log");
        this.receiverPort = Loopback.freePort();
        this.receiver = new ReceiverClient(receiverPort);
    }

    /**
     * Starts the broker and the receiver and waits until both answer; stops what it started if
     * either does not.
     *
     * @param workDir the broker's data, the services' state and every log
     * @param profile whether the broker's and the pipelines' JVMs record a JFR profile into {@code workDir/profiles}
     */
    public static BenchmarkStack start(Path workDir, boolean profile) {
        BenchmarkStack stack = new BenchmarkStack(workDir, profile);
        try {
            stack.startSharedParts();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startSharedParts() {
        ServiceProcess broker = launch(Part.BROKER, ServiceProcess.of("kafka-broker", BrokerMain.class.getName(),
                Map.of(BrokerMain.DIR, workDir.resolve("kafka").toString(), BrokerMain.PORT, Integer.toString(brokerPort)),
                serviceJvmOptions("kafka-broker"), brokerLog));
        ServiceProcess receiverProcess = launch(Part.RECEIVER, ServiceProcess.of("receiver", BenchmarkReceiver.class.getName(),
                Map.of(BenchmarkReceiver.PORT, Integer.toString(receiverPort)), List.of("-Xmx1g"), workDir.resolve("logs/receiver.log")));
        awaitListening(broker, brokerPort, Duration.ofSeconds(120));
        receiverProcess.awaitHealthy("http://127.0.0.1:" + receiverPort + "/health", Duration.ofSeconds(60));
        receiver.reset(ReceiverMode.OK);
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

    /** Where the broker's output goes. */
    public Path brokerLog() {
        return brokerLog;
    }

    /** The folder of every process's log: the broker's, the receiver's, each pipeline's router and worker, the peer's. */
    public Path logs() {
        return brokerLog.getParent();
    }

    /** The URL of endpoint {@code number}, on an address of its own (a subscriber host of its own). */
    public String endpointUrl(int number) {
        return "http://" + BenchmarkReceiver.endpointHost(number) + ":" + receiverPort + "/hooks/" + number;
    }

    public KafkaSettings kafka(String prefix, List<Duration> retrySchedule) {
        return new KafkaSettings(bootstrap, prefix, Pipeline.PARTITIONS, Optional.empty(), retrySchedule, Map.of());
    }

    /** Environment shared by the pipeline's services: Kafka and topics. */
    Map<String, String> serviceEnvironment(String prefix, List<Duration> retrySchedule) {
        Map<String, String> env = new HashMap<>();
        env.put("HOOKLANE_KAFKA_BOOTSTRAP", bootstrap);
        env.put("HOOKLANE_TOPIC_PREFIX", prefix);
        env.put("HOOKLANE_TOPIC_PARTITIONS", Integer.toString(Pipeline.PARTITIONS));
        env.put("HOOKLANE_RETRY_SCHEDULE", String.join(",", retrySchedule.stream().map(d -> d.toSeconds() + "s").toList()));
        env.put("HOOKLANE_LOG_LEVEL", "WARN");
        return env;
    }

    /** JVM options of the broker and of a pipeline service; with profiling on, a JFR recording dumped at exit. */
    List<String> serviceJvmOptions(String name) {
        List<String> options = new ArrayList<>(List.of(SERVICE_HEAP));
        if (profile) {
            Path recording = workDir.resolve("profiles").resolve(name + "-" + Instant.now().toEpochMilli() + ".jfr");
            recording.getParent().toFile().mkdirs();
            options.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
        }
        return options;
    }

    /** Starts {@code process}, which plays {@code part}; it is stopped with the stack at the latest. */
    public synchronized ServiceProcess launch(Part part, ServiceProcess process) {
        started.put(process, part);
        return process.start();
    }

    /** Counts the CPU time of {@code process}, started elsewhere, as {@code part}'s; it is stopped with the stack at the latest. */
    public synchronized void track(Part part, ServiceProcess process) {
        started.put(process, part);
    }

    /** Stops {@code process} (SIGTERM, then SIGKILL after 20 s); it no longer counts. */
    public void stop(ServiceProcess process) {
        process.stop(Duration.ofSeconds(20));
        synchronized (this) {
            started.remove(process);
        }
    }

    /** The CPU time every running process and this JVM (the {@link Part#HARNESS}) have used so far, summed by part. */
    public synchronized CpuSample cpu() {
        Map<Part, Duration> used = new EnumMap<>(Part.class);
        Map<Part, Duration> compiling = new EnumMap<>(Part.class);
        started.forEach((process, part) -> {
            if (process.isAlive()) {
                CpuClock.ofProcess(process.pid()).ifPresent(cpu -> used.merge(part, cpu, Duration::plus));
                CpuClock.compilingOf(process.pid()).ifPresent(cpu -> compiling.merge(part, cpu, Duration::plus));
            }
        });
        used.put(Part.HARNESS, CpuClock.ofThisJvm());
        CpuClock.compilingOf(ProcessHandle.current().pid()).ifPresent(cpu -> compiling.put(Part.HARNESS, cpu));
        return new CpuSample(System.nanoTime(), used, compiling);
    }

    /** Waits until {@code process} accepts connections on {@code port}, failing early if it exits. */
    private static void awaitListening(ServiceProcess process, int port, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited before it listened on port " + port + "; see " + process.log());
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Pause.of(Duration.ofMillis(200));
            }
        }
        throw new UncheckedIOException(new IOException("the broker did not listen on port " + port + " within " + patience + "; see " + process.log()));
    }

    @Override
    public void close() {
        List<ServiceProcess> running;
        synchronized (this) {
            running = new ArrayList<>(started.keySet());
        }
        for (ServiceProcess process : running.reversed()) {
            stop(process);
        }
    }
}
