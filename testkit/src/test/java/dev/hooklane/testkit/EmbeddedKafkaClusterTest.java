package dev.hooklane.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.testkit.kafka.KafkaCluster;
import dev.hooklane.testkit.kafka.SharedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kafka")
class EmbeddedKafkaClusterTest {

    @Test
    void shouldServeTransactionalProducersAndConsumerGroupsWithOneBroker() throws Exception {
        servesTransactionsAndConsumerGroups(SharedKafka.cluster());
    }

    /** What every test broker must do with one node: transactional writes, consumer groups, read_committed. */
    static void servesTransactionsAndConsumerGroups(KafkaCluster kafka) throws Exception {
        String topic = SharedKafka.uniquePrefix("kit") + "t";
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(2), Optional.empty()))).all().get();
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kit-tx");
        try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "v"));
            producer.commitTransaction();
        }
        Map<String, Object> consumerProps = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "kit-group", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(200));
            }
            assertThat(records).extracting(r -> r.value()).containsExactly("v");
            consumer.commitSync();
        }
    }
}
