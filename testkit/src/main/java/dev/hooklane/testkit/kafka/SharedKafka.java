package dev.hooklane.testkit.kafka;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One single-broker cluster per test JVM, started on first use and stopped at exit, so test
 * classes do not each pay for a broker start. Tests isolate themselves with {@link #uniquePrefix}.
 */
public final class SharedKafka {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static volatile EmbeddedKafkaCluster cluster;

    private SharedKafka() {
    }

    public static EmbeddedKafkaCluster cluster() {
        EmbeddedKafkaCluster current = cluster;
        if (current == null) {
            synchronized (SharedKafka.class) {
                current = cluster;
                if (current == null) {
                    current = EmbeddedKafkaCluster.start(1);
                    EmbeddedKafkaCluster started = current;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-kafka-stop"));
                    cluster = current;
                }
            }
        }
        return current;
    }

    /** A topic prefix no other test in this JVM uses, e.g. {@code t7.}. */
    public static String uniquePrefix(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "") + PREFIXES.incrementAndGet() + ".";
    }
}
