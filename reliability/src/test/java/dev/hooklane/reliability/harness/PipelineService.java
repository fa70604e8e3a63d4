package dev.hooklane.reliability.harness;

import dev.hooklane.delivery.DeliveryWorker;
import dev.hooklane.delivery.DeliveryWorkerConfig;
import dev.hooklane.delivery.DeliveryWorkerMain;
import dev.hooklane.ingest.IngestConfig;
import dev.hooklane.ingest.IngestMain;
import dev.hooklane.ingest.IngestService;
import dev.hooklane.router.RouterConfig;
import dev.hooklane.router.RouterMain;
import dev.hooklane.router.RouterService;
import dev.hooklane.service.ServiceRunner;
import dev.hooklane.service.config.EnvConfig;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.subscriptions.SubscriptionApiConfig;
import dev.hooklane.subscriptions.SubscriptionApiMain;
import dev.hooklane.testkit.process.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One service of a pipeline under test, started from the same environment variables its
 * {@code main} reads, either in this JVM (cheap; stopped gracefully) or in a JVM of its own (so
 * that a fault test can SIGKILL it). It keeps its port across restarts.
 */
public final class PipelineService implements AutoCloseable {

    /** The four services and how to start each. */
    public enum Kind {
        API(SubscriptionApiMain.class, env -> SubscriptionApi.start(SubscriptionApiConfig.from(env))),
        INGEST(IngestMain.class, env -> IngestService.start(IngestConfig.from(env))),
        ROUTER(RouterMain.class, env -> RouterService.start(RouterConfig.from(env))),
        WORKER(DeliveryWorkerMain.class, env -> DeliveryWorker.start(DeliveryWorkerConfig.from(env)));

        private final Class<?> main;
        private final Function<EnvConfig, ServiceRunner.Service> inJvm;

        Kind(Class<?> main, Function<EnvConfig, ServiceRunner.Service> inJvm) {
            this.main = main;
            this.inJvm = inJvm;
        }
    }

    private static final Duration START_PATIENCE = Duration.ofSeconds(90);

    private final String name;
    private final Kind kind;
    private final Map<String, String> environment;
    private final int port;
    private final ServiceProcess process;
    private ServiceRunner.Service inJvm;

    private PipelineService(String name, Kind kind, Map<String, String> environment, boolean ownJvm, List<String> jvmOptions, Path logDir) {
        this.name = name;
        this.kind = kind;
        this.port = freePort();
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOOKLANE_HTTP_HOST", "127.0.0.1");
        env.put("HOOKLANE_HTTP_PORT", Integer.toString(port));
        this.environment = Map.copyOf(env);
        this.process = ownJvm
                ? ServiceProcess.of(name, kind.main.getName(), this.environment, jvmOptions, logDir.resolve(name + ".log"))
                : null;
    }

    /** JVM options of a service in its own JVM: small, as the machine runs several. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-Xshare:auto");

    /**
     * Starts {@code kind} and waits until it is healthy.
     *
     * @param jvmOptions options of its own JVM, when it has one
     */
    public static PipelineService start(String name, Kind kind, Map<String, String> environment, boolean ownJvm, List<String> jvmOptions,
                                        Path logDir) {
        PipelineService service = new PipelineService(name, kind, environment, ownJvm, jvmOptions, logDir);
        service.start();
        return service;
    }

    /** Starts the service again after a kill or stop. */
    public synchronized void start() {
        if (process != null) {
            process.start().awaitHealthy(url("/health"), START_PATIENCE);
            return;
        }
        if (inJvm != null) {
            throw new IllegalStateException(name + " is running");
        }
        EnvConfig env = new EnvConfig(environment);
        inJvm = kind.inJvm.apply(env);
    }

    /**
     * SIGKILLs a service in its own JVM and starts it again at once, without waiting for it to be
     * healthy: the next kill may come while it is still starting, as in a crash loop.
     */
    public synchronized void killAndRelaunch() {
        if (process == null) {
            throw new IllegalStateException(name + " runs in this JVM and cannot be killed");
        }
        process.kill();
        process.start();
    }

    /** Waits until the service answers its health check. */
    public void awaitHealthy() {
        if (process != null) {
            process.awaitHealthy(url("/health"), START_PATIENCE);
        }
    }

    /** SIGKILL for a service in its own JVM; an abrupt close for one in this JVM. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        } else {
            stop();
        }
    }

    /** A graceful stop. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        } else if (inJvm != null) {
            inJvm.close();
            inJvm = null;
        }
    }

    public String name() {
        return name;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The log file of a service in its own JVM. */
    public java.util.Optional<Path> log() {
        return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.log());
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
