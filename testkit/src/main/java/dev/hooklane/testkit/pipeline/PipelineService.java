package dev.hooklane.testkit.pipeline;

import dev.hooklane.testkit.process.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of a pipeline under test or benchmark, started from the same environment variables
 * its {@code main} reads, either in this JVM (cheap; stopped gracefully) or in a JVM of its own (so
 * that a fault test can SIGKILL it, or a benchmark can count its CPU time). It listens on loopback
 * and keeps its port across restarts.
 */
public final class PipelineService implements AutoCloseable {

    private static final Duration START_PATIENCE = Duration.ofSeconds(90);

    private final String name;
    private final ServiceKind kind;
    private final Map<String, String> environment;
    private final int port;
    private final ServiceProcess process;
    private AutoCloseable inJvm;

    private PipelineService(String name, ServiceKind kind, Map<String, String> environment, Optional<OwnJvm> ownJvm) {
        this.name = name;
        this.kind = kind;
        this.port = freePort();
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOOKLANE_HTTP_HOST", "127.0.0.1");
        env.put("HOOKLANE_HTTP_PORT", Integer.toString(port));
        this.environment = Map.copyOf(env);
        this.process = ownJvm.map(jvm -> ServiceProcess.of(name, kind.mainClass(), this.environment, jvm.options(), jvm.log())).orElse(null);
    }

    /**
     * A JVM of the service's own.
     *
     * @param options JVM options such as {@code -Xmx384m}
     * @param log where its output is appended
     */
    public record OwnJvm(List<String> options, Path log) {
        public OwnJvm {
            options = List.copyOf(options);
        }
    }

    /**
     * Starts {@code kind} and waits until it answers its health check; a JVM of its own that does not
     * is killed.
     *
     * @param ownJvm the JVM of its own it runs in; empty to run it in this one
     */
    public static PipelineService start(String name, ServiceKind kind, Map<String, String> environment, Optional<OwnJvm> ownJvm) {
        PipelineService service = new PipelineService(name, kind, environment, ownJvm);
        try {
            service.start();
        } catch (RuntimeException e) {
            // A JVM that did not become healthy in time is not left running.
            service.process().ifPresent(ServiceProcess::kill);
            throw e;
        }
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
        inJvm = kind.startInJvm(environment);
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

    /** Waits until the service says it is ready to work ({@code /ready}). */
    public void awaitReady(Duration patience) {
        if (process != null) {
            process.awaitHealthy(url("/ready"), patience);
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
            try {
                inJvm.close();
            } catch (Exception e) {
                throw new IllegalStateException(name + " did not stop cleanly", e);
            } finally {
                inJvm = null;
            }
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The process of a service in its own JVM. */
    public Optional<ServiceProcess> process() {
        return Optional.ofNullable(process);
    }

    /** The log file of a service in its own JVM. */
    public Optional<Path> log() {
        return process().map(ServiceProcess::log);
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
