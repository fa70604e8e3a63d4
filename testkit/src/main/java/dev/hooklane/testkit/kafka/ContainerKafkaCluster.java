package dev.hooklane.testkit.kafka;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node KRaft Kafka in Docker: Apache Kafka's official image, of the version the services
 * are built against, started with Testcontainers and set like {@link EmbeddedKafkaCluster} (no
 * rebalance delay, no topic auto-creation). Needs a Docker engine.
 */
public final class ContainerKafkaCluster implements KafkaCluster {

    /** Apache Kafka's own image, the broker version of the whole project (docs/adr/0002). */
    public static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:4.3.1");

    private final KafkaContainer container;

    private ContainerKafkaCluster(KafkaContainer container) {
        this.container = container;
    }

    /** Starts the container and waits until the broker serves; fails with the reason when Docker is missing. */
    public static ContainerKafkaCluster start() {
        if (!dockerAvailable()) {
            throw new IllegalStateException("HOOKLANE_TEST_KAFKA=testcontainers needs a Docker engine, and none answers here "
                    + "(Testcontainers' log says where it looked); unset it to test against the in-JVM broker");
        }
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        container.start();
        return new ContainerKafkaCluster(container);
    }

    /** Whether a Docker engine answers, as Testcontainers finds it. */
    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
