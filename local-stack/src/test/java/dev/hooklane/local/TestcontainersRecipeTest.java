package dev.hooklane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.config.KafkaSettings;
import dev.hooklane.testkit.http.JsonHttp;
import dev.hooklane.testkit.receiver.ScriptableReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The README's recipe for integration tests against Hooklane, as written there: Kafka in Docker
 * with Testcontainers, the four services in the test's JVM. Without a Docker engine JUnit reports
 * it skipped with Testcontainers' reason.
 */
@Tag("testcontainers")
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersRecipeTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

    static LocalStack hooklane;
    static ScriptableReceiver receiver;

    @BeforeAll
    static void startHooklane() throws IOException {
        KafkaSettings kafka = KafkaSettings.forBootstrap(KAFKA.getBootstrapServers(), "it.", TopicCatalog.DEFAULT_RETRY_SCHEDULE);
        hooklane = LocalStack.start(new LocalStack.Options(kafka, "127.0.0.1", 0, "an-admin-key-for-tests", Files.createTempDirectory("router")));
        receiver = ScriptableReceiver.start();
    }

    @AfterAll
    static void stop() {
        hooklane.close();
        receiver.close();
    }

    @Test
    void shouldDeliverAPostedEventToTheSubscribedReceiver() {
        JsonHttp http = new JsonHttp().checkedAgainstServedDocuments();
        String key = http.post(hooklane.apiUrl() + "/v1/admin/tenants", "an-admin-key-for-tests", "{\"id\":\"acme\",\"name\":\"Acme\"}")
                .json().at("/apiKey/key").asText();
        assertThat(http.post(hooklane.apiUrl() + "/v1/subscriptions", key,
                "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"reportCreated\"]}").status()).isEqualTo(201);
        assertThat(http.post(hooklane.ingestUrl() + "/v1/events", key, "{\"type\":\"reportCreated\",\"data\":{\"id\":\"r-1\"}}").status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.requests("/hooks").isEmpty());
    }
}
