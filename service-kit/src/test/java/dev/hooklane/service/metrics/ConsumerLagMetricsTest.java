package dev.hooklane.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.testkit.kafka.SharedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kafka")
class ConsumerLagMetricsTest {

    @Test
    void shouldReportRecordsTheGroupHasNotConsumedIncludingPartitionsItNeverCommitted() throws Exception {
        String bootstrap = SharedKafka.cluster().bootstrapServers();
        String topic = SharedKafka.uniquePrefix("lag") + "jobs";
        String group = topic + "-group";
        try (Admin admin = SharedKafka.cluster().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(2), Optional.empty()))).all().get();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, i % 2, "k", "v" + i)).get();
                }
            }
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, group), new StringDeserializer(), new StringDeserializer())) {
                consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(3)));
            }
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (ConsumerLagMetrics lag = new ConsumerLagMetrics(admin, group, List.of(topic), Duration.ofMillis(200))) {
                lag.bindTo(registry);
                // partition 0: 5 records, committed at 3 -> 2 behind; partition 1: 5 records, never committed -> 5 behind
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(registry.get("webhook.consumer.lag").tag("topic", topic).gauge().value()).isEqualTo(7.0));
            }
        }
    }
}
