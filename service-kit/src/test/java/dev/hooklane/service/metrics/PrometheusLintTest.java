package dev.hooklane.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The names promtool refuses never reach the scrape; the local stack's ObservabilityTest runs promtool itself. */
class PrometheusLintTest {

    @Test
    void shouldLeaveOutAbbreviatedUnitsAndRenameCountGaugesOfKafkaClientsAndTheJvm() {
        Map<String, Object> nowhere = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9", ConsumerConfig.GROUP_ID_CONFIG, "lint");
        try (ServiceMetrics metrics = new ServiceMetrics();
             var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9"),
                     new StringSerializer(), new StringSerializer());
             var consumer = new KafkaConsumer<>(nowhere, new StringDeserializer(), new StringDeserializer())) {
            metrics.bind(new KafkaClientMetrics(producer));
            metrics.bind(new KafkaClientMetrics(consumer));
            String scrape = metrics.registry().scrape();

            assertThat(scrape).contains("kafka_producer_record_send_total", "kafka_producer_connections", "kafka_consumer_connections",
                    "system_available_processors", "process_cpu_seconds_total");
            assertThat(scrape.lines().filter(line -> !line.startsWith("#")))
                    .noneMatch(line -> line.matches("^[a-z_]*_(ns|ms|us)(_[a-z_]*)?[{ ].*"))
                    .noneMatch(line -> line.matches("^[a-z_]*(connection_count|system_cpu_count|node_request_latency)[a-z_]*[{ ].*"));
            producer.close(Duration.ZERO);
        }
    }

    @Test
    void shouldRefuseMetersInAbbreviatedUnitsByNameOrBaseUnitAndRenameCountGauges() {
        assertThat(PrometheusLint.refused(id("kafka.producer.io.time.ns.avg", null))).isTrue();
        assertThat(PrometheusLint.refused(id("process.cpu.time", "ns"))).isTrue();
        assertThat(PrometheusLint.refused(id("kafka.consumer.node.request.latency.max", null))).isTrue();
        assertThat(PrometheusLint.refused(id("webhook.delivery.attempt.duration", "seconds"))).isFalse();
        assertThat(PrometheusLint.refused(id("kafka.consumer.fetch.manager.records.consumed.total", null))).isFalse();
        assertThat(PrometheusLint.renamed("kafka.consumer.connection.count")).isEqualTo("kafka.consumer.connections");
        assertThat(PrometheusLint.renamed("system.cpu.count")).isEqualTo("system.available.processors");
        assertThat(PrometheusLint.renamed("webhook.delivery.attempts")).isEqualTo("webhook.delivery.attempts");
    }

    private static Meter.Id id(String name, String baseUnit) {
        return new Meter.Id(name, Tags.empty(), baseUnit, null, Meter.Type.GAUGE);
    }
}
