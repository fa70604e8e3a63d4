package dev.hooklane.service;

import dev.hooklane.service.config.ConfigException;
import dev.hooklane.service.config.EnvConfig;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service from a {@code main}: reads its config from the environment, refuses bad config
 * with one line and exit code 2, starts it, and stops it on SIGTERM or Ctrl-C.
 */
public final class ServiceRunner {

    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

    /** What a runnable service is: started once, stopped once. */
    public interface Service extends AutoCloseable {
        @Override
        void close();
    }

    private ServiceRunner() {
    }

    public static <C> void run(String name, Function<EnvConfig, C> readConfig, Function<C, Service> start) {
        C config;
        try {
            EnvConfig env = EnvConfig.fromSystem();
            config = readConfig.apply(env);
            env.validate();
        } catch (ConfigException e) {
            // One plain line on stderr, not a log event: the logging setup itself comes from this
            // environment, and an operator must see the refusal whatever format the logs are in.
            System.err.println(name + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Service service = start.apply(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name(name + "-shutdown").unstarted(() -> {
            log.info("{} stopping", name);
            service.close();
            log.info("{} stopped", name);
            stopped.countDown();
        }));
        log.info("{} started", name);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
