package dev.hooklane.reliability.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.JobCodec;
import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.delivery.DeadLetters;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.reliability.harness.Pipeline;
import dev.hooklane.testkit.pipeline.PipelineService;
import dev.hooklane.router.routing.EventRouter;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Records no service wrote, straight on the topics: garbage bytes, JSON of another shape, records
 * missing fields, empty values. Unreadable events go to the events dead-letter topic with the
 * reason in a header, unreadable jobs to the dead-letter topic with their bytes; every unreadable
 * record is counted in the consumer's metrics; and each consumer goes on to the good record written
 * after the poison on the same partition.
 */
@Tag("kafka")
class PoisonRecordTest {

    private static final List<byte[]> POISON = List.of(new byte[] {(byte) 0xFF, 0x00, 0x13, 0x37}, randomBytes(512),
            utf8("{\"foo\":1,\"bar\":[true]}"), utf8("{\"jobId\":\"x\""), utf8("[]"), utf8("null"), new byte[0],
            utf8("{\"specversion\":\"1.0\",\"source\":\"/s\",\"data\":{}}"),
            utf8("{\"jobId\":\"msg_x\",\"eventId\":\"e\",\"tenant\":\"alpha\",\"attempt\":0}"));

    @Test
    void shouldDeadLetterOrCountEveryPoisonRecordAndKeepConsuming() throws Exception {
        String prefix = SharedKafka.uniquePrefix("poison");
        String bootstrap = SharedKafka.cluster().bootstrapServers();
        JsonHttp http = new JsonHttp();
        try (ScriptableReceiver receiver = ScriptableReceiver.start();
             Pipeline pipeline = Pipeline.start(bootstrap, prefix, Pipeline.Placement.allInThisJvm(), Map.of());
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            String key = http.post(pipeline.api().url("/v1/admin/tenants"), Pipeline.ADMIN_KEY, "{\"id\":\"alpha\",\"name\":\"A\"}").json()
                    .at("/apiKey/key").asText();
            JsonHttp.Answer created = http.post(pipeline.api().url("/v1/subscriptions"), key,
                    "{\"url\":\"" + receiver.url("/after-poison") + "\",\"eventTypes\":[\"order.created\"]}");
            String subscriptionId = created.json().get("id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                http.post(pipeline.ingest().url("/v1/events"), key, "{\"type\":\"order.created\",\"data\":{\"warm\":true}}");
                return !receiver.requests("/after-poison").isEmpty();
            });
            receiver.clear();

            for (byte[] poison : POISON) {
                producer.send(new ProducerRecord<>(prefix + "events", "alpha", poison));
                producer.send(new ProducerRecord<>(prefix + "deliveries", subscriptionId, poison));
                producer.send(new ProducerRecord<>(prefix + "retry.500ms", subscriptionId, poison));
                producer.send(new ProducerRecord<>(prefix + "subscriptions", "sub_poison_" + UUID.randomUUID(), poison.length == 0 ? null : poison));
            }
            String directJob = "msg_direct_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String retriedJob = "msg_retried_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            producer.send(new ProducerRecord<>(prefix + "deliveries", subscriptionId, job(directJob, subscriptionId, 1)));
            producer.send(new ProducerRecord<>(prefix + "retry.500ms", subscriptionId, job(retriedJob, subscriptionId, 2)));
            producer.flush();
            assertThat(http.post(pipeline.ingest().url("/v1/events"), key, "{\"id\":\"after-poison\",\"type\":\"order.created\",\"data\":{}}")
                    .status()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(receiver.requests("/after-poison"))
                    .extracting(r -> r.webhookId()).contains(directJob, retriedJob, dev.hooklane.contracts.delivery.JobIds.of("after-poison", subscriptionId)));

            List<ConsumerRecord<String, byte[]>> deadEvents = readAll(bootstrap, prefix + "events.dlq", POISON.size());
            assertThat(deadEvents).hasSize(POISON.size()).allSatisfy(record -> {
                Header reason = record.headers().lastHeader(EventRouter.REASON_HEADER);
                assertThat(reason).as("reason header").isNotNull();
                assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isNotBlank();
            });
            // Every unreadable job record is dead-lettered with its bytes as they were.
            List<ConsumerRecord<String, byte[]>> deadJobs = readAll(bootstrap, prefix + "dlq", 2 * POISON.size());
            assertThat(deadJobs).hasSize(2 * POISON.size()).allSatisfy(record -> assertThat(DeadLetters.read(record.value(), record.headers()))
                    .isInstanceOf(DeadLetters.Unreadable.class));
            assertThat(deadJobs).extracting(record -> new String(record.value(), StandardCharsets.ISO_8859_1))
                    .containsAll(POISON.stream().map(poison -> new String(poison, StandardCharsets.ISO_8859_1)).toList());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(counter(pipeline.router(), "webhook_router_poison_total", "topic=\"events\"")).isEqualTo(POISON.size());
                // JSON null and the empty value read as a deletion of an unknown subscription, which they are.
                assertThat(counter(pipeline.router(), "webhook_router_poison_total", "topic=\"subscriptions\"")).isEqualTo(POISON.size() - 2.0);
                assertThat(counter(pipeline.workers().get(0), "webhook_delivery_poison_total", "")).isEqualTo(2.0 * POISON.size());
            });
            for (PipelineService service : pipeline.services()) {
                assertThat(http.get(service.url("/ready"), null).status()).as(service.name()).isEqualTo(200);
            }
        }
    }

    private static byte[] job(String jobId, String subscriptionId, int attempt) {
        Instant now = Instant.now();
        return JobCodec.encode(new DeliveryJob(jobId, "evt-" + jobId, "alpha", Optional.of(subscriptionId), Optional.empty(),
                "order.created", "application/json", utf8("{\"direct\":true}"), now, now, attempt, now));
    }

    /** The value of a counter in the service's Prometheus scrape, summed over the series that carry {@code label}. */
    private static double counter(PipelineService service, String name, String label) {
        String scrape = new JsonHttp().get(service.url("/metrics"), null).body();
        Matcher matcher = Pattern.compile("^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(scrape);
        double sum = 0;
        while (matcher.find()) {
            if (label.isEmpty() || (matcher.group(1) != null && matcher.group(1).contains(label))) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "poison-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
