package dev.hooklane.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvConfigTest {

    @Test
    void shouldTakeDefaultsWhenNothingIsSet() {
        EnvConfig env = new EnvConfig(Map.of());
        KafkaSettings kafka = KafkaSettings.from(env);
        HttpSettings http = HttpSettings.from(env, 8081);
        env.validate();
        assertThat(kafka.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(kafka.catalog().events().name()).isEqualTo("webhooks.events");
        assertThat(kafka.replicationFactor()).isEmpty();
        assertThat(http.port()).isEqualTo(8081);
    }

    @Test
    void shouldReadTypedValuesAndClientOverrides() {
        EnvConfig env = new EnvConfig(Map.of("HOOKLANE_TOPIC_PREFIX", "prod.", "HOOKLANE_TOPIC_REPLICATION", "3",
                "HOOKLANE_RETRY_SCHEDULE", "1s, 10s", "HOOKLANE_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL"));
        KafkaSettings kafka = KafkaSettings.from(env);
        env.validate();
        assertThat(kafka.catalog().retryTiers()).extracting(t -> t.delay()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(kafka.replicationFactor()).contains((short) 3);
        assertThat(kafka.clientOverrides()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(kafka.catalog().deliveries().name()).isEqualTo("prod.deliveries");
    }

    @Test
    void shouldRefuseEveryBadKeyInOneLine() {
        EnvConfig env = new EnvConfig(Map.of("HOOKLANE_HTTP_PORT", "http", "HOOKLANE_TOPIC_PARTITIONS", "0",
                "HOOKLANE_RETRY_SCHEDULE", "5s,soon", "HOOKLANE_TOPIC_REPLICATION", "0"));
        KafkaSettings.from(env);
        HttpSettings.from(env, 8080);
        assertThatThrownBy(env::validate).isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOOKLANE_HTTP_PORT must be an integer in [0, 65535], got \"http\"")
                .hasMessageContaining("HOOKLANE_TOPIC_PARTITIONS")
                .hasMessageContaining("HOOKLANE_RETRY_SCHEDULE")
                .hasMessageContaining("HOOKLANE_TOPIC_REPLICATION")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void shouldCheckDurationBoundsAndRequiredKeys() {
        EnvConfig env = new EnvConfig(Map.of("T", "2h"));
        env.duration("T", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMinutes(1));
        env.requiredString("MISSING");
        assertThatThrownBy(env::validate).hasMessageContaining("T must be a duration between 1ms and 1m")
                .hasMessageContaining("MISSING is required");
        assertThat(new EnvConfig(Map.of("L", " a, ,b ")).list("L", List.of())).containsExactly("a", "b");
    }
}
