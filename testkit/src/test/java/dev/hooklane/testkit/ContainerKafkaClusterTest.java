package dev.hooklane.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.testkit.kafka.ContainerKafkaCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Testcontainers broker does what the in-JVM one does. Without a Docker engine JUnit reports
 * this class as skipped with Testcontainers' reason ("Docker is not available"), never silently.
 */
@Tag("testcontainers")
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaClusterTest {

    @Test
    void shouldServeTransactionalProducersAndConsumerGroupsFromApacheKafkasImage() throws Exception {
        try (ContainerKafkaCluster kafka = ContainerKafkaCluster.start()) {
            assertThat(kafka.bootstrapServers()).isNotBlank();
            EmbeddedKafkaClusterTest.servesTransactionsAndConsumerGroups(kafka);
        }
    }
}
