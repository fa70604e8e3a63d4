package dev.hooklane.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.testkit.kafka.SharedKafka;
import org.junit.jupiter.api.Test;

class SharedKafkaTest {

    @Test
    void shouldChooseTheInJvmBrokerUnlessTestcontainersIsAskedFor() {
        assertThat(SharedKafka.Choice.of(null)).isEqualTo(SharedKafka.Choice.EMBEDDED);
        assertThat(SharedKafka.Choice.of(" ")).isEqualTo(SharedKafka.Choice.EMBEDDED);
        assertThat(SharedKafka.Choice.of("Testcontainers")).isEqualTo(SharedKafka.Choice.TESTCONTAINERS);
    }

    @Test
    void shouldRefuseAnUnknownChoiceNamingTheVariable() {
        assertThatThrownBy(() -> SharedKafka.Choice.of("docker")).hasMessage("HOOKLANE_TEST_KAFKA must be embedded or testcontainers, got \"docker\"");
    }
}
