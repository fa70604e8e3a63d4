package dev.hooklane.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.service.config.ConfigException;
import dev.hooklane.service.config.EnvConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void shouldTakeTheDocumentedDefaultsWhenNothingIsSet() {
        EnvConfig env = new EnvConfig(Map.of());
        IngestConfig config = IngestConfig.from(env);
        env.validate();
        assertThat(config.ackTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxEventBytes()).isEqualTo(256 * 1024);
        assertThat(config.maxBatchEvents()).isEqualTo(500);
        assertThat(config.maxBatchBytes()).isEqualTo(1024 * 1024);
        assertThat(config.http().port()).isEqualTo(8081);
    }

    @Test
    void shouldRefuseABatchLimitAboveTheHttpLimitNamingBothKeys() {
        EnvConfig env = new EnvConfig(Map.of("HOOKLANE_INGEST_MAX_BATCH_BYTES", "2097152"));
        IngestConfig.from(env);
        assertThatThrownBy(env::validate).isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOOKLANE_INGEST_MAX_BATCH_BYTES").hasMessageContaining("HOOKLANE_HTTP_MAX_REQUEST_BYTES");
    }

    @Test
    void shouldAcceptALargerBatchLimitWhenTheHttpLimitAllowsIt() {
        EnvConfig env = new EnvConfig(Map.of("HOOKLANE_INGEST_MAX_BATCH_BYTES", "2097152", "HOOKLANE_HTTP_MAX_REQUEST_BYTES", "4194304"));
        IngestConfig config = IngestConfig.from(env);
        env.validate();
        assertThat(config.maxBatchBytes()).isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void shouldBoundEveryProducerWaitByTheAckTimeoutWhenBuildingTheProducer() {
        Map<String, Object> overrides = IngestService.producerOverrides(Duration.ofSeconds(2));
        assertThat(overrides).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_100);
        assertThat(IngestService.producerOverrides(Duration.ofSeconds(30))).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    }
}
