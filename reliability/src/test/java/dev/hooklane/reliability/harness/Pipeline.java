package dev.hooklane.reliability.harness;

import dev.hooklane.local.Services;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.testkit.pipeline.PipelineService.OwnJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The four services against one Kafka, each placed in this JVM or in its own, configured the way
 * fault tests need: short retry tiers and timeouts, loopback receivers allowed past the SSRF
 * policy (unless a test says otherwise), topic names under a prefix of the test's own.
 */
public final class Pipeline implements AutoCloseable {

    public static final String ADMIN_KEY = "admin-key-of-the-reliability-tests";
    /** The key that signs portal session tokens on every API instance of the pipeline. */
    public static final String PORTAL_SIGNING_KEY = "portal-signing-key-of-the-reliability-tests";

    /**
     * Where the services run.
     *
     * @param ownJvm the kinds of service that run each in a JVM of their own; the others run in this one
     * @param workers how many delivery workers (one consumer group)
     */
    public record Placement(Set<Services> ownJvm, int workers, Map<Services, List<String>> extraJvmOptions) {
        public Placement {
            ownJvm = Set.copyOf(ownJvm);
            extraJvmOptions = Map.copyOf(extraJvmOptions);
        }

        public static Placement allInThisJvm() {
            return new Placement(Set.of(), 1, Map.of());
        }

        public static Placement ownJvm(Services... kinds) {
            return new Placement(Set.of(kinds), 1, Map.of());
        }

        public Placement withWorkers(int count) {
            return new Placement(ownJvm, count, extraJvmOptions);
        }

        /** Adds options to the JVM of {@code kind}, which must run in its own. */
        public Placement withJvmOptions(Services kind, String... options) {
            Map<Services, List<String>> more = new HashMap<>(extraJvmOptions);
            more.put(kind, List.of(options));
            return new Placement(ownJvm, workers, more);
        }

        /** JVM options of a service in its own JVM: small, as the machine runs several. */
        private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-Xshare:auto");

        List<String> jvmOptions(Services kind) {
            List<String> options = new ArrayList<>(DEFAULT_JVM_OPTIONS);
            options.addAll(extraJvmOptions.getOrDefault(kind, List.of()));
            return options;
        }
    }

    private final List<PipelineService> all = new ArrayList<>();
    private final PipelineService api;
    private final PipelineService ingest;
    private final PipelineService router;
    private final List<PipelineService> workers = new ArrayList<>();
    private final Path logDir;
    private final Map<String, String> environment;

    private Pipeline(String bootstrap, String prefix, Placement placement, Map<String, String> overrides) {
        try {
            logDir = Files.createDirectories(Path.of("target", "service-logs", prefix.replace(".", "") + "-" + System.currentTimeMillis()));
            Path stateDir = Files.createTempDirectory("router-state");
            Map<String, String> env = new HashMap<>();
            env.put("HOOKLANE_KAFKA_BOOTSTRAP", bootstrap);
            env.put("HOOKLANE_TOPIC_PREFIX", prefix);
            env.put("HOOKLANE_TOPIC_PARTITIONS", "6");
            env.put("HOOKLANE_RETRY_SCHEDULE", "500ms,1s,2s,4s,8s");
            env.put("HOOKLANE_SSRF_ALLOW_LIST", "127.0.0.0/8,::1/128");
            env.put("HOOKLANE_ADMIN_KEY", ADMIN_KEY);
            env.put("HOOKLANE_PORTAL_SIGNING_KEYS", PORTAL_SIGNING_KEY);
            env.put("HOOKLANE_ALLOW_HTTP_URLS", "true");
            env.put("HOOKLANE_WRITE_TIMEOUT", "5s");
            env.put("HOOKLANE_INGEST_ACK_TIMEOUT", "3s");
            env.put("HOOKLANE_ROUTER_APPLICATION_ID", "router-" + prefix);
            env.put("HOOKLANE_ROUTER_STATE_DIR", stateDir.toString());
            env.put("HOOKLANE_WORKER_GROUP_ID", "workers-" + prefix);
            // Short enough for the flapping receiver's hangs, long enough that a starved machine does not turn
            // slow answers into timeouts and so into duplicates.
            env.put("HOOKLANE_WORKER_RESPONSE_TIMEOUT", "5s");
            env.put("HOOKLANE_WORKER_CONNECT_TIMEOUT", "1s");
            env.put("HOOKLANE_WORKER_SHUTDOWN_GRACE", "2s");
            env.put("HOOKLANE_WORKER_ENDPOINT_CONCURRENCY", "200");
            env.put("HOOKLANE_WORKER_CIRCUIT_FAILURES", "50");
            env.put("HOOKLANE_WORKER_CIRCUIT_OPEN_FOR", "500ms");
            env.put("HOOKLANE_WORKER_BUSY_WAIT", "200ms");
            // A killed member's partitions wait for its session to expire: 6 s (the broker's minimum) instead of 45 s.
            env.put("HOOKLANE_KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000");
            env.put("HOOKLANE_KAFKA_CLIENT_HEARTBEAT_INTERVAL_MS", "1000");
            env.putAll(overrides);
            environment = Map.copyOf(env);
            api = add(start("api", Services.API, env, placement));
            ingest = add(start("ingest", Services.INGEST, env, placement));
            router = add(start("router", Services.ROUTER, env, placement));
            for (int i = 1; i <= placement.workers(); i++) {
                workers.add(add(start("worker-" + i, Services.WORKER, env, placement)));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts the pipeline.
     *
     * @param overrides environment variables that replace the test defaults
     */
    public static Pipeline start(String bootstrap, String prefix, Placement placement, Map<String, String> overrides) {
        return new Pipeline(bootstrap, prefix, placement, overrides);
    }

    private PipelineService start(String name, Services kind, Map<String, String> env, Placement placement) {
        Optional<OwnJvm> ownJvm = placement.ownJvm().contains(kind)
                ? Optional.of(new OwnJvm(placement.jvmOptions(kind), logDir.resolve(name + ".log")))
                : Optional.empty();
        return PipelineService.start(name, kind, env, ownJvm);
    }

    private PipelineService add(PipelineService service) {
        all.add(service);
        return service;
    }

    public PipelineService api() {
        return api;
    }

    public PipelineService ingest() {
        return ingest;
    }

    public PipelineService router() {
        return router;
    }

    public List<PipelineService> workers() {
        return List.copyOf(workers);
    }

    public List<PipelineService> services() {
        return List.copyOf(all);
    }

    /** Starts one more instance of {@code kind} in this JVM with the pipeline's configuration; it stops with the pipeline. */
    public PipelineService startAnother(String name, Services kind) {
        return add(PipelineService.start(name, kind, environment, Optional.empty()));
    }

    /** Where services in their own JVMs write their logs. */
    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        List<PipelineService> reversed = new ArrayList<>(all);
        Collections.reverse(reversed);
        for (PipelineService service : reversed) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Pipeline.class).warn("{} did not stop cleanly", service.name(), e);
            }
        }
    }
}
