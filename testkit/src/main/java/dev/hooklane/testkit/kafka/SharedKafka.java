package dev.hooklane.testkit.kafka;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One single-broker cluster per test JVM, started on first use and stopped at exit, so test
 * classes do not each pay for a broker start. Tests isolate themselves with {@link #uniquePrefix}.
 * {@code HOOKLANE_TEST_KAFKA} chooses the broker: {@code embedded} (the default, in this JVM) or
 * {@code testcontainers} (Apache Kafka's image in Docker).
 */
public final class SharedKafka {

    /** The environment variable that chooses the broker. */
    public static final String CHOICE = "HOOKLANE_TEST_KAFKA";

    /** Where the shared broker runs. */
    public enum Choice {
        EMBEDDED, TESTCONTAINERS;

        /** The choice {@code value} names (case-insensitive); unset or blank is {@link #EMBEDDED}. */
        public static Choice of(String value) {
            if (value == null || value.isBlank()) {
                return EMBEDDED;
            }
            for (Choice choice : values()) {
                if (choice.name().equalsIgnoreCase(value.strip())) {
                    return choice;
                }
            }
            throw new IllegalArgumentException(CHOICE + " must be embedded or testcontainers, got \"" + value + "\"");
        }
    }

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static volatile KafkaCluster cluster;

    private SharedKafka() {
    }

    public static KafkaCluster cluster() {
        KafkaCluster current = cluster;
        if (current == null) {
            synchronized (SharedKafka.class) {
                current = cluster;
                if (current == null) {
                    current = switch (Choice.of(System.getenv(CHOICE))) {
                        case EMBEDDED -> EmbeddedKafkaCluster.start(1);
                        case TESTCONTAINERS -> ContainerKafkaCluster.start();
                    };
                    KafkaCluster started = current;
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
