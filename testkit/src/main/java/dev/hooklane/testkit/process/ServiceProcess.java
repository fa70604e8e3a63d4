package dev.hooklane.testkit.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service's {@code main} run in a JVM of its own, with this JVM's class path and the given
 * environment, its output appended to a log file. Fault tests kill it (SIGKILL) or stop it
 * (SIGTERM) and start it again; benchmarks keep the load generator out of the services' JVMs.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final String mainClass;
    private final String classPath;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, String mainClass, String classPath, Map<String, String> environment, List<String> jvmOptions, Path log) {
        this.name = name;
        this.mainClass = mainClass;
        this.classPath = classPath;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = log;
    }

    /**
     * Describes a process without starting it.
     *
     * @param name used in error messages
     * @param mainClass the class whose {@code main} runs
     * @param environment added to this JVM's environment
     * @param jvmOptions options such as {@code -Xmx256m}
     * @param log where stdout and stderr are appended
     */
    public static ServiceProcess of(String name, String mainClass, Map<String, String> environment, List<String> jvmOptions, Path log) {
        return of(name, mainClass, System.getProperty("java.class.path"), environment, jvmOptions, log);
    }

    /** Like {@link #of(String, String, Map, List, Path)}, on another class path (a program this JVM does not carry). */
    public static ServiceProcess of(String name, String mainClass, String classPath, Map<String, String> environment, List<String> jvmOptions,
                                   Path log) {
        return new ServiceProcess(name, mainClass, classPath, environment, jvmOptions, log);
    }

    /** Starts the process; it must not be running. */
    public synchronized ServiceProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Waits until {@code healthUrl} answers 200, failing early if the process exits. */
    public ServiceProcess awaitHealthy(String healthUrl, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(healthUrl)).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(name + " was not healthy at " + healthUrl + " within " + patience + "; see " + log);
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}; returns the exit code. */
    public synchronized int stop(Duration grace) {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!waitFor(grace)) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
        return process.exitValue();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return process.pid();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
