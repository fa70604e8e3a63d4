package dev.hooklane.subscriptions.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.subscriptions.SubscriptionApi;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.subscriptions.testing.TestApi;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A part of the API that dies takes the instance out of service: {@code /ready} and {@code /health} name it. */
@Tag("kafka")
class ReadinessTest {

    @Test
    void shouldAnswerNotReadyNamingTheViewWhenItsFollowerThreadDies() {
        KafkaSettings kafka = TestApi.kafka("readiness");
        try (SubscriptionApi api = TestApi.start(TestApi.config(kafka))) {
            JsonHttp client = TestApi.client(api.port());
            await().atMost(Duration.ofSeconds(60)).until(() -> client.get("/ready", null).status() == 200);

            Thread follower = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("subscription-api-tenants-follower") && thread.isAlive())
                    .findFirst().orElseThrow();
            follower.interrupt();

            await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/ready", null).status() == 503);
            assertThat(client.get("/ready", null).body()).contains("NOT_READY").contains("view of " + kafka.catalog().tenants().name() + " has stopped");
            assertThat(client.get("/health", null).status()).isEqualTo(503);
        }
    }
}
