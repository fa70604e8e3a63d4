package dev.hooklane.testkit.kafka;

import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Kafka cluster for tests: in this JVM ({@link EmbeddedKafkaCluster}) or in Docker
 * ({@link ContainerKafkaCluster}); {@link SharedKafka} picks one with {@code HOOKLANE_TEST_KAFKA}.
 */
public interface KafkaCluster extends AutoCloseable {

    String bootstrapServers();

    /** An admin client of this cluster; the caller closes it. */
    default Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    @Override
    void close();
}
